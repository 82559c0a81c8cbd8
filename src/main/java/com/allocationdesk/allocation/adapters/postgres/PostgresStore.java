package com.allocationdesk.allocation.adapters.postgres;

import com.allocationdesk.allocation.adapters.jdbc.CommitGate;
import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.adapters.jdbc.Migrations;
import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.adapters.jdbc.StoreUsers;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.apache.commons.dbcp2.BasicDataSource;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A database on a PostgreSQL server, as a {@link Store}: the shared store of several desks (each
 * its own process) on one site. {@link #open} connects once, checks the server and the database
 * before anything is written ({@link ServerChecks}: reachable, credentials, the database exists,
 * it is ours or empty, the server is new enough and writable), then pools connections and migrates
 * the schema with {@code db/migration/postgresql}.
 * <p>
 * Every transaction of the pool runs at Repeatable Read: a unit of work reads one snapshot, and a
 * row another unit changed since is a serialization failure (40001), which the bus retries like a
 * stale {@link com.allocationdesk.allocation.domain.Product} version. There is no commit lock:
 * other processes commit too. The server's commit is durable when it returns, so the
 * {@link CommitGate} just runs it, and the ledger is numbered under a transaction-scoped advisory
 * lock ({@link #lastLedgerNumber}, docs/decisions/0016).
 * <p>
 * Of {@link CommitGate} it keeps the defaults for writing: nothing to check before (the server
 * refuses what it cannot write), and a unit's writes and commit run as they are (several
 * processes write, so no lock of ours could order them).
 */
public final class PostgresStore implements Store, CommitGate {
    private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);
    /**
     * Connections per desk: the bus's workers and the screens' queries. A server shares its
     * {@code max_connections} (100 by default) among every desk of the site.
     */
    static final int POOL_SIZE = 10;
    /** Prepared statements kept per pooled connection (the application has a few dozen). */
    private static final int STATEMENTS_PER_CONNECTION = 200;

    private final ServerAddress address;
    private final BasicDataSource pool;
    private final LedgerLock ledger;
    /** What uses this store's connections and closes before it, last registered first. */
    private final StoreUsers users = new StoreUsers();
    private boolean closed;

    private PostgresStore(ServerAddress address, BasicDataSource pool, LedgerLock ledger) {
        this.address = address;
        this.pool = pool;
        this.ledger = ledger;
    }

    /**
     * Opens the database at {@code address} as {@code user}, migrated to the current schema.
     *
     * @param password the user's password; null: the driver looks it up in the file named by
     *                 {@code PGPASSFILE}, else {@code ~/.pgpass}, as {@code psql} does
     * @throws DatabaseUnavailable with one sentence when the server cannot be reached, refuses the
     *                             user, has no such database, holds another application's tables,
     *                             is older than PostgreSQL 15 or is read-only; nothing was changed
     *                             on the server then
     */
    public static PostgresStore open(ServerAddress address, String user, String password) {
        Properties credentials = credentials(user, password);
        int installed;
        try (Connection connection = ServerChecks.connect(address, credentials)) {
            installed = ServerChecks.refuseWhatIsNotOurs(connection, address, user);
        } catch (SQLException e) {
            throw ServerChecks.closing(address, e);
        }
        BasicDataSource pool = pool(address, credentials);
        try {
            Migrations.migrate(pool, Migrations.Engine.POSTGRESQL, address.toString(), installed);
        } catch (RuntimeException e) {
            closePool(pool, address);
            throw e;
        }
        log.info("Opened database {} as {}", address, user);
        return new PostgresStore(address, pool, new LedgerLock(address, credentials));
    }

    private static Properties credentials(String user, String password) {
        if (user == null || user.isBlank()) {
            throw new DatabaseUnavailable("Give the user the desk connects to the PostgreSQL server as.");
        }
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "Allocation Desk");
        properties.setProperty("connectTimeout", "10");
        return properties;
    }

    /**
     * The pool, as on the embedded store (decision 0010): commons-dbcp2 keeping each connection's
     * prepared statements; every connection at Repeatable Read (the book's isolation, with the
     * product's version); checked before it is lent, since a server connection can go stale.
     */
    private static BasicDataSource pool(ServerAddress address, Properties credentials) {
        BasicDataSource pool = new BasicDataSource();
        pool.setDriver(new Driver());
        pool.setUrl(address.jdbcUrl());
        credentials.forEach((name, value) -> pool.addConnectionProperty((String) name, (String) value));
        pool.setDefaultTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        pool.setPoolPreparedStatements(true);
        pool.setMaxOpenPreparedStatements(STATEMENTS_PER_CONNECTION);
        pool.setTestOnBorrow(true);
        return pool;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public CommitGate commitGate() {
        return this;
    }

    /** {@code postgresql://host:port/database}. */
    @Override
    public String name() {
        return address.toString();
    }

    public ServerAddress address() {
        return address;
    }

    @Override
    public synchronized void closeFirst(AutoCloseable user) {
        if (closed) {
            throw new DatabaseUnavailable("The database " + address + " is closed.");
        }
        users.add(user);
    }

    /**
     * A connection the server dropped (a restart, the network: SQL states {@code 08…}, and
     * {@code 57P01}–{@code 57P03}, the server shutting down or starting) is the planner's sentence:
     * the change was not saved. Anything else is returned as it is.
     */
    @Override
    public RuntimeException failure(RuntimeException e) {
        if (e instanceof DatabaseUnavailable) {
            return e;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isConnectionLost(sql.getSQLState())) {
                return new DatabaseUnavailable("Lost the connection to the PostgreSQL server at " + address
                        + ": the change was not saved.", e);
            }
        }
        return e;
    }

    private static boolean isConnectionLost(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    /**
     * Takes the ledger's advisory lock in the unit's transaction (held until it commits or rolls
     * back), then reads the last number outside that transaction's snapshot: at Repeatable Read the
     * unit's snapshot is as old as its first read and would miss what the lock's previous holders
     * committed since.
     */
    @Override
    public long lastLedgerNumber(ConnectionRunner unit, ConnectionRunner.SqlCall<Long> readLast) {
        return ledger.lastNumber(unit, readLast);
    }

    /** Closes what was registered with {@link #closeFirst}, then the pool; calling it again does nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            users.closeAll();
        } finally {
            ledger.close();
            closePool(pool, address);
            log.info("Closed database {}", address);
        }
    }

    private static void closePool(BasicDataSource pool, ServerAddress address) {
        try {
            pool.close();
        } catch (SQLException e) {
            log.debug("Closing the connection pool of {}", address, e);
        }
    }
}

package com.allocationdesk.allocation.adapters.postgres;

import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * How the ledger keeps decision 0013's promise (gap-free numbers in commit order) when several
 * processes commit to one server (docs/decisions/0016). A unit about to number its entries takes a
 * transaction-scoped advisory lock, held until it commits or rolls back, so units number one at a
 * time, each after the previous holder's commit is visible. The last number is then read on a
 * connection of this class's own, at Read Committed, outside the pool: the unit's Repeatable Read
 * snapshot is as old as its first read and would not show what was committed since, and a pooled
 * connection could be the one a waiting unit holds.
 */
public final class LedgerLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LedgerLock.class);
    /** The advisory lock's key on the desk's database: "ALLOCLOG" in ASCII. */
    public static final long KEY = 0x414C4C4F434C4F47L;
    private static final String LOCK = "SELECT pg_advisory_xact_lock(?)";

    private final ServerAddress address;
    private final Properties credentials;
    /** The connection the last number is read on; opened at first use, again after a failure. */
    private Connection reader;

    LedgerLock(ServerAddress address, Properties credentials) {
        this.address = address;
        this.credentials = credentials;
    }

    long lastNumber(ConnectionRunner unit, ConnectionRunner.SqlCall<Long> readLast) {
        unit.withStatement(LOCK, lock -> {
            lock.setLong(1, KEY);
            return lock.execute();
        });
        synchronized (this) {
            try {
                return readLast.call(reader());
            } catch (SQLException stale) {
                // the server restarted since the last read, or the network dropped it: once more, on a new connection
                log.info("The ledger's reader on {} was lost ({}); connecting again", address, stale.getMessage());
                forgetReader();
            }
            try {
                return readLast.call(reader());
            } catch (SQLException e) {
                forgetReader();
                throw new DatabaseUnavailable("Lost the connection to the PostgreSQL server at " + address
                        + ": the change was not saved.", e);
            }
        }
    }

    private Connection reader() throws SQLException {
        if (reader == null) {
            reader = new Driver().connect(address.jdbcUrl(), credentials);
            reader.setAutoCommit(true);
            reader.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        return reader;
    }

    private void forgetReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (SQLException e) {
                log.debug("Closing the ledger's reader on {}", address, e);
            }
            reader = null;
        }
    }

    @Override
    public synchronized void close() {
        forgetReader();
    }
}

package com.allocationdesk.allocation.adapters.db;

import com.allocationdesk.allocation.adapters.jdbc.Migrations;
import com.allocationdesk.allocation.adapters.jdbc.Migrations.Ownership;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.apache.commons.dbcp2.BasicDataSource;
import org.hsqldb.jdbc.JDBCDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Starting and stopping the HSQLDB engine on a database's files: the URL and settings, the check
 * that the files are ours (or new) before anything is written, the connection pool, and the two
 * ways to stop. Only {@link Database} calls it, under the {@link ProcessLock}.
 */
final class HsqldbEngine {
    private static final Logger log = LoggerFactory.getLogger(HsqldbEngine.class);
    /**
     * HSQLDB property, its value, and the statement that sets it: durable commits, MVCC, tables on
     * disk, and a row cache large enough for a command's working set (a product, its batches, their
     * read rows and a few history rows), so rows are not read and decoded from {@code .data} again.
     * Why each one, and the figures that chose the cache size: docs/decisions/0010.
     */
    private static final Map<String, String[]> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("hsqldb.write_delay", new String[] {"false", "SET FILES WRITE DELAY FALSE"});
        SETTINGS.put("hsqldb.tx", new String[] {"mvcc", "SET DATABASE TRANSACTION CONTROL MVCC"});
        SETTINGS.put("hsqldb.tx_interrupt_rollback",
                new String[] {"true", "SET DATABASE TRANSACTION ROLLBACK ON INTERRUPT TRUE"});
        SETTINGS.put("hsqldb.default_table_type", new String[] {"cached", "SET DATABASE DEFAULT TABLE TYPE CACHED"});
        SETTINGS.put("hsqldb.cache_rows", new String[] {"500000", "SET FILES CACHE ROWS 500000"});
        SETTINGS.put("hsqldb.cache_size", new String[] {"131072", "SET FILES CACHE SIZE 131072"});
    }
    /** Connections for the bus's workers and the screens' queries; HSQLDB sessions are cheap. */
    static final int POOL_SIZE = 32;
    /**
     * Prepared statements kept open per pooled connection. HSQLDB compiles a statement every time
     * it is prepared, which costs more than running it; Hibernate prepares its statements afresh
     * in every flush, the unit of work and the read model prepare theirs per call. Keeping them lets each
     * SQL text be compiled once per connection. The application has a few dozen distinct statements.
     * What it saved: docs/decisions/0010.
     */
    private static final int STATEMENTS_PER_CONNECTION = 200;
    /** Below this, an open that fails is put down to the full disk, not to damage. */
    private static final long NEARLY_FULL = 1L << 20;
    /** HSQLDB's vendor codes for file input/output failures (ErrorCode 452, 466, 467, 468). */
    private static final Set<Integer> FILE_ERRORS = Set.of(-452, -466, -467, -468);

    private HsqldbEngine() {
    }

    /** Whether {@code e} is HSQLDB's report of a failed file read or write (a full disk, say). */
    static boolean isFileError(SQLException e) {
        return FILE_ERRORS.contains(e.getErrorCode());
    }

    static void refuseWhatCannotBeADatabase(Path path) {
        if (path.toString().contains(";")) {
            throw new DatabaseUnavailable("The database path cannot contain ';': " + path);
        }
        if (Files.isDirectory(path)) {
            throw new DatabaseUnavailable(path + " is a folder. Give the database a name inside it, e.g. "
                    + path.resolve(DataLocation.DB_NAME));
        }
        if (Files.exists(path)) {
            throw new DatabaseUnavailable(path + " is an existing file, not an Allocation Desk database. "
                    + "A database is named without extension; its files are NAME.script, NAME.data and NAME.log");
        }
    }

    static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new DatabaseUnavailable("Cannot create the database folder " + folder + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(folder)) {
            throw new DatabaseUnavailable("Cannot write to the database folder " + folder);
        }
    }

    /** The pool on a database we recognised, and the schema version Flyway last installed in it (-1: none). */
    record Opened(BasicDataSource pool, int schemaVersion, String engineName) {
    }

    /**
     * Opens the database with one direct connection first: a damaged file fails here, at once (the
     * pool would retry for minutes). Before anything is changed, one query checks that it is ours
     * or new; a foreign one is refused and closed without writing ({@link #leaveForeign}). Only then
     * are our settings applied. The database stays open ({@code shutdown=false}) for the pool.
     */
    static Opened connect(Path path, boolean readModelMayDisagree) {
        boolean hadLog = Files.exists(sibling(path, ".log"));
        boolean hadTmp = Files.exists(sibling(path, ".tmp"));
        long dataLength = DamageDetector.dataLength(path);
        boolean checked = DamageDetector.probe(path, url(path), readModelMayDisagree);
        refuseARecoveryWithoutRoom(path);
        int schemaVersion;
        String engineName;
        try (Connection connection = connection(url(path));
             Statement statement = connection.createStatement()) {
            Ownership ownership = ownership(statement);
            if (ownership.isForeign()) {
                leaveForeign(statement, path, hadLog, hadTmp);
                throw ownership.refusal(path.toString());
            }
            schemaVersion = ownership.schemaVersion();
            DamageDetector.Findings damage = checked || schemaVersion < 2 ? DamageDetector.Findings.NONE
                    : DamageDetector.examine(connection, readModelMayDisagree);
            if (!damage.problems().isEmpty()) {
                leaveForeign(statement, path, hadLog, hadTmp);
                throw DamageDetector.refusal(path, damage, null);
            }
            applySettings(statement);
            try (ResultSet name = statement.executeQuery("VALUES DATABASE_NAME()")) {
                name.next();
                engineName = name.getString(1);
            }
        } catch (SQLException e) {
            tidyUp(path, hadLog, hadTmp);
            DamageDetector.undoGrowth(path, dataLength);
            long free = DiskSpace.freeBytesOf(path.getParent());
            if (free < NEARLY_FULL) {
                throw new DatabaseUnavailable("Cannot open the database " + path + ": the disk is full ("
                        + DiskSpace.megabytes(free) + " free). Free some disk space and try again.", e);
            }
            throw new DatabaseUnavailable("Cannot open the database " + path
                    + ": it is damaged or not an Allocation Desk database (" + withoutClassNames(e.getMessage()) + "). "
                    + DamageDetector.whatToDo(path), e);
        }
        BasicDataSource pool = new BasicDataSource();
        pool.setDriver(new JDBCDriver());
        pool.setUrl(url(path));
        pool.setUsername("SA");
        pool.setPassword("");
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        pool.setPoolPreparedStatements(true);
        pool.setMaxOpenPreparedStatements(STATEMENTS_PER_CONNECTION);
        // An in-process HSQLDB connection does not go stale; no validation round trip on borrow.
        pool.setTestOnBorrow(false);
        return new Opened(pool, schemaVersion, engineName);
    }

    /**
     * Our settings. The URL sets them when a database is created; an older database gets them
     * here, but only those that differ: every {@code SET FILES ...} rewrites the {@code .properties}
     * file, and nothing should be rewritten on every start (a kill during that write is a risk we
     * need not take).
     */
    private static void applySettings(Statement statement) throws SQLException {
        Map<String, String> current = new HashMap<>();
        try (ResultSet rows = statement.executeQuery(
                "SELECT property_name, property_value FROM information_schema.system_properties")) {
            while (rows.next()) {
                current.put(rows.getString(1), rows.getString(2));
            }
        }
        for (Map.Entry<String, String[]> setting : SETTINGS.entrySet()) {
            String[] wanted = setting.getValue();
            if (!wanted[0].equalsIgnoreCase(String.valueOf(current.get(setting.getKey())))) {
                statement.execute(wanted[1]);
            }
        }
    }

    /**
     * One query on the catalogue (HSQLDB's own schemas left out), then Flyway's history
     * ({@link Migrations#ownership}), which also gives the installed version the open path needs.
     */
    private static Ownership ownership(Statement statement) throws SQLException {
        long tables;
        boolean history;
        String example;
        try (ResultSet result = statement.executeQuery("SELECT COUNT(*),"
                + " COUNT(CASE WHEN TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'flyway_schema_history' THEN 1 END),"
                + " MIN(TABLE_SCHEMA || '.' || TABLE_NAME)"
                + " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA NOT IN ('INFORMATION_SCHEMA', 'SYSTEM_LOBS')")) {
            result.next();
            tables = result.getLong(1);
            history = result.getLong(2) > 0;
            example = result.getString(3);
        }
        return Migrations.ownership(statement, tables, history, example);
    }

    /**
     * Closes a database that is not ours without writing to it: no logging, no checkpoint
     * ({@code SHUTDOWN IMMEDIATELY}), so its {@code .script}, {@code .properties} and {@code .data}
     * stay as they were. HSQLDB creates an empty {@code .log} and a {@code .tmp} folder when it
     * opens a database; those are removed again ({@link #tidyUp}) if they were not there before.
     * What we cannot prevent: a foreign database that was not shut down cleanly is recovered (its
     * log replayed and checkpointed) by HSQLDB while it opens, before any query can look at it.
     */
    private static void leaveForeign(Statement statement, Path path, boolean hadLog, boolean hadTmp) {
        try {
            statement.execute("SET FILES LOG FALSE");
            statement.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException e) {
            log.warn("Closing the foreign database {} failed", path, e);
        }
        tidyUp(path, hadLog, hadTmp);
    }

    /** Removes the empty {@code .log} and {@code .tmp} HSQLDB created on opening files we then refused. */
    private static void tidyUp(Path path, boolean hadLog, boolean hadTmp) {
        try {
            Path logFile = sibling(path, ".log");
            if (!hadLog && Files.exists(logFile) && Files.size(logFile) == 0) {
                Files.delete(logFile);
            }
            Path tmp = sibling(path, ".tmp");
            if (!hadTmp && Files.isDirectory(tmp)) {
                Files.delete(tmp); // only if empty: a DirectoryNotEmptyException leaves it be
            }
        } catch (IOException e) {
            log.debug("Tidying up after refusing {}", path, e);
        }
    }

    /** HSQLDB's message without the exception class names it embeds ("org.hsqldb.HsqlException: "). */
    private static String withoutClassNames(String message) {
        return message == null ? "" : message.replaceAll("\\b(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error):?\\s*", "").strip();
    }

    /**
     * A connection outside the pool, from HSQLDB's driver itself: not through {@code DriverManager},
     * which would first load every JDBC driver on the class path (the PostgreSQL one among them),
     * memory a run with a small heap does not have.
     */
    static Connection connection(String url) throws SQLException {
        Properties account = new Properties();
        account.setProperty("user", "SA");
        account.setProperty("password", "");
        return new JDBCDriver().connect(url, account);
    }

    static Path sibling(Path path, String extension) {
        return path.resolveSibling(path.getFileName() + extension);
    }

    /**
     * <ul>
     *   <li>{@code hsqldb.tx=mvcc}: readers never block writers; write conflicts fail fast.</li>
     *   <li>{@code hsqldb.tx_interrupt_rollback=true}: a thread interrupted while it waits for a
     *       row lock rolls its transaction back and gets an error, instead of HSQLDB swallowing
     *       the interrupt and waiting on (a unit of work never waits for a lock, decision 0015;
     *       should one ever, stopping its thread must still end it).</li>
     *   <li>{@code hsqldb.write_delay=false}: sync the log on every commit (durability).</li>
     *   <li>{@code hsqldb.default_table_type=cached}: table data lives on disk, not in RAM.</li>
     *   <li>{@code shutdown=false}: the database stays open between connections; {@link Database#close}
     *       shuts it down.</li>
     *   <li>{@code hsqldb.lock_file=false}: HSQLDB's own {@code .lck} file is not used. After a
     *       {@code kill -9} its stale heartbeat delays the next open (docs/decisions/0002). This
     *       is safe only because {@link ProcessLock} guarantees a single process: nothing but
     *       {@link Database#open} may open these files.</li>
     *   <li>{@code hsqldb.extlog=2}: HSQLDB reports warnings (a failed log write among them) to
     *       {@link HsqldbEvents}.</li>
     * </ul>
     */
    static String url(Path path) {
        return "jdbc:hsqldb:file:" + path
                + ";hsqldb.tx=mvcc;hsqldb.tx_interrupt_rollback=true;hsqldb.write_delay=false"
                + ";hsqldb.default_table_type=cached"
                + ";hsqldb.cache_rows=500000;hsqldb.cache_size=131072"
                + ";shutdown=false;hsqldb.lock_file=false;hsqldb.extlog=2";
    }

    /**
     * {@code SHUTDOWN}: a checkpoint, then the engine stops. It does not wait for other sessions:
     * HSQLDB ends them and rolls back what they had not committed, which nobody was told was saved
     * ({@link Database#close} shuts its commit gate first). Those sessions are counted first and
     * logged, so a close that cut someone's work short says so. It runs on a connection of its own,
     * not the pool's, so a pool whose every connection is checked out by a stuck thread does not
     * hold it up (the pool would wait for one forever).
     *
     * @return true when the files were left checkpointed: the database is its {@code .script},
     *         {@code .properties} and {@code .data}, with no log to replay
     */
    static boolean shutdown(BasicDataSource pool, Path path) {
        boolean checkpointed = false;
        try (Connection connection = ownConnection(path); Statement statement = connection.createStatement()) {
            int busy = otherSessionsInATransaction(statement);
            if (busy > 0) {
                log.warn("Closing {}: {} still in a transaction; SHUTDOWN rolls {} back (none of it was acknowledged)",
                        path, busy == 1 ? "1 other session is" : busy + " other sessions are", busy == 1 ? "it" : "them");
            }
            statement.execute("SHUTDOWN");
            checkpointed = true;
        } catch (SQLException e) {
            log.warn("SHUTDOWN of {} failed; the next open recovers from the log", path, e);
        }
        closePool(pool, path);
        return checkpointed;
    }

    /**
     * Sessions other than {@code statement}'s that are inside a transaction: they have read or
     * written since their last commit (HSQLDB's {@code SYSTEM_SESSIONS.TRANSACTION}). Such a
     * session holds up a {@code CHECKPOINT} or a {@code BACKUP … BLOCKING} until it ends.
     */
    static int otherSessionsInATransaction(Statement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SYSTEM_SESSIONS"
                + " WHERE TRANSACTION AND SESSION_ID <> SESSION_ID()")) {
            result.next();
            return result.getInt(1);
        }
    }

    /**
     * A connection to the open engine outside the pool ({@code ifexists=true}: it never creates a
     * database).
     */
    private static Connection ownConnection(Path path) throws SQLException {
        return connection(url(path) + ";ifexists=true");
    }

    private static void closePool(BasicDataSource pool, Path path) {
        try {
            pool.close();
        } catch (SQLException e) {
            log.debug("Closing the connection pool of {} after SHUTDOWN", path, e);
        }
    }

    /**
     * About what a checkpoint writes: a new {@code .script}, the rows changed since the last one into
     * {@code .data}, an incremental {@code .backup} of what they overwrite, and a new
     * {@code .properties} (a margin of 1 MB for those two, and three times the log for the rows).
     */
    static long checkpointNeeds(Path path) {
        return (1L << 20) + DiskSpace.sizeOf(sibling(path, ".script")) + 3 * DiskSpace.sizeOf(sibling(path, ".log"));
    }

    /**
     * HSQLDB checkpoints while it opens a database that has a log to replay. On a disk that fills
     * up in the middle of that, it can be left with the new script and the old log, which it then
     * cannot replay (a row inserted twice): the database would look damaged. So such an open is
     * refused, with nothing written, until there is room for the checkpoint.
     */
    private static void refuseARecoveryWithoutRoom(Path path) {
        if (DiskSpace.sizeOf(sibling(path, ".log")) == 0) {
            return;
        }
        long needed = checkpointNeeds(path);
        long free = DiskSpace.freeBytesOf(path.getParent());
        if (free < needed) {
            throw new DatabaseUnavailable("Cannot open the database " + path + ": the disk is full ("
                    + DiskSpace.megabytes(free) + " free, about " + DiskSpace.megabytes(needed)
                    + " needed to bring it up to date). Free some disk space and try again.");
        }
    }

    /**
     * Stops the engine at once, without a checkpoint ({@code SHUTDOWN IMMEDIATELY}): after a write
     * failure nothing more may be written or read from its memory; at a close without room for a
     * checkpoint the files stay as the last acknowledged commit left them. Like {@link #shutdown}
     * it waits for no other session and no pooled connection.
     */
    static void shutdownImmediately(BasicDataSource pool, Path path) {
        try (Connection connection = ownConnection(path); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException e) {
            log.warn("SHUTDOWN IMMEDIATELY of {} failed", path, e);
        }
        closePool(pool, path);
    }
}

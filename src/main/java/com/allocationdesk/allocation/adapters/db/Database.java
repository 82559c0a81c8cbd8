package com.allocationdesk.allocation.adapters.db;

import com.allocationdesk.allocation.adapters.orm.CommitGate;
import com.allocationdesk.allocation.adapters.orm.HibernateUnitOfWork;
import com.allocationdesk.allocation.adapters.orm.SessionFactories;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.hibernate.SessionFactory;
import org.apache.commons.dbcp2.BasicDataSource;
import org.hsqldb.jdbc.JDBCDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;

/**
 * The embedded HSQLDB file database: the one place that opens the store. {@link #open} locks it
 * for this process, creates or upgrades the schema (Flyway) and starts booting Hibernate on a
 * background thread; {@link #close} shuts it down cleanly.
 *
 * <h2>Start-up</h2>
 * Hibernate takes seconds to boot on a cold JVM, and the read side does not need it: queries run
 * over {@link #dataSource()} as soon as {@code open} returns, so the window shows data and a read-only
 * subcommand answers while Hibernate is still booting. The first unit of work waits for it.
 *
 * <h2>Durability</h2>
 * {@code hsqldb.write_delay=false} (and {@code SET FILES WRITE DELAY FALSE} on every open): the
 * log is synced to disk on every commit, so a command that returned survives {@code kill -9}
 * (HSQLDB's default delays the sync by 500 ms). After a crash the next open replays the log.
 *
 * <h2>Acknowledged means on disk</h2>
 * HSQLDB does not fail a commit whose log write fails (a full disk): it logs a warning and returns
 * as if the commit were durable ({@link HsqldbEvents}). Every unit of work therefore commits
 * through this class's {@link CommitGate}:
 * <ul>
 *   <li>before writing, at least {@link #minFreeBytes} must be free on the database's file system
 *       (a {@code statvfs}, microseconds), so a full disk is refused before it is reached;</li>
 *   <li>commits are serialised around HSQLDB's own (which writes the log under one lock anyway);
 *       a commit during which HSQLDB reported a write failure is refused with
 *       {@link DatabaseUnavailable}, never acknowledged;</li>
 *   <li>after such a failure the engine is shut down at once ({@code SHUTDOWN IMMEDIATELY}), the
 *       {@code .log} is cut back to its length after the last acknowledged commit (what follows was
 *       never acknowledged), and the database stays closed until there is room again; the next use
 *       then reopens it from its files: back to exactly what was acknowledged, without a restart.</li>
 * </ul>
 *
 * <h2>Damage</h2>
 * A database that does not add up is refused without changing a file ({@link DamageDetector},
 * {@link ConsistencyCheck}); each clean close that wrote something leaves a backup ({@link Backups}).
 *
 * <h2>One writer process</h2>
 * Before HSQLDB sees the files we take OS locks ({@link ProcessLock}): a second process (or a
 * second open in this JVM) fails at once with {@link DatabaseUnavailable}, instead of waiting for
 * HSQLDB's own lock, even when the lock file beside the database was deleted or replaced. The OS
 * drops the locks when the process dies, even on {@code kill -9}.
 */
public final class Database implements AutoCloseable, CommitGate {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /**
     * The highest migration in {@code db/migration}. When the database is already there, start-up
     * skips Flyway, which is slow on a cold JVM (docs/decisions/0010); {@code SchemaVersionTest}
     * fails when a new migration is added without raising this.
     */
    static final int SCHEMA_VERSION = 4;
    /** The script of our version 1 in {@code flyway_schema_history}: what tells our databases from others'. */
    private static final String FIRST_MIGRATION = "V1__write_model.sql";
    /**
     * HSQLDB property, its value, and the statement that sets it: durable commits, MVCC, tables on
     * disk, and a row cache large enough for a command's working set (a product, its batches, their
     * read-table rows and a few history rows), so rows are not read and decoded from {@code .data} again.
     * Why each one, and the figures that chose the cache size: docs/decisions/0010.
     */
    private static final Map<String, String[]> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("hsqldb.write_delay", new String[] {"false", "SET FILES WRITE DELAY FALSE"});
        SETTINGS.put("hsqldb.tx", new String[] {"mvcc", "SET DATABASE TRANSACTION CONTROL MVCC"});
        SETTINGS.put("hsqldb.default_table_type", new String[] {"cached", "SET DATABASE DEFAULT TABLE TYPE CACHED"});
        SETTINGS.put("hsqldb.cache_rows", new String[] {"500000", "SET FILES CACHE ROWS 500000"});
        SETTINGS.put("hsqldb.cache_size", new String[] {"131072", "SET FILES CACHE SIZE 131072"});
    }
    /** Connections for the bus's workers and the screens' queries; HSQLDB sessions are cheap. */
    private static final int POOL_SIZE = 32;
    /**
     * Prepared statements kept open per pooled connection. HSQLDB compiles a statement every time
     * it is prepared, which costs more than running it; Hibernate prepares its statements afresh
     * in every flush, the unit of work and the read model prepare theirs per call. Keeping them lets each
     * SQL text be compiled once per connection. The application has a few dozen distinct statements.
     * What it saved: docs/decisions/0010.
     */
    private static final int STATEMENTS_PER_CONNECTION = 200;
    /**
     * Free space below which no change is written, unless {@code open} is told otherwise: room for
     * HSQLDB's log to reach its checkpoint size (50 MB) and for the checkpoint itself.
     */
    public static final long DEFAULT_MIN_FREE_BYTES = 64L << 20;
    /** Below this, an open that fails is put down to the full disk, not to damage. */
    private static final long NEARLY_FULL = 1L << 20;
    /** HSQLDB's vendor codes for file input/output failures (ErrorCode 452, 466, 467, 468). */
    private static final java.util.Set<Integer> FILE_ERRORS = java.util.Set.of(-452, -466, -467, -468);

    private final Path path;
    private final ProcessLock lock;
    private final long minFreeBytes;
    private final FileStore fileStore;
    /** The pool of the engine now open; replaced when the engine is reopened after a write failure. */
    private volatile BasicDataSource pool;
    /** HSQLDB's unique name of the open engine: how {@link HsqldbEvents} names its failures. */
    private volatile String engineName;
    /** Why no change can be written, when a write failed; null while all is well. */
    private volatile String writeFailure;
    /** Serialises commits, so a write failure is attributed to the commit that met it. */
    private final Object commitLock = new Object();
    /** Length of the {@code .log} after the last acknowledged commit: everything after it may go. */
    private long durableLogLength;
    private final DataSource dataSource = new CurrentPool();
    /** Backups kept in {@code PATH.backups} ({@link Backups}); 0: none made. */
    private final int keepBackups;
    /** Whether this session opened with read tables allowed to disagree ({@code rebuild-views}). */
    private final boolean readModelMayDisagree;
    private final ScheduledExecutorService dailyBackup;
    /** Hibernate, booting or booted; null until {@link #bootInBackground()} or the first unit of work. */
    private CompletableFuture<SessionFactory> sessionFactory;
    private boolean closed;
    private boolean backupAtClose = true;

    private Database(Path path, ProcessLock lock, Opened opened, long minFreeBytes, int keepBackups,
                     boolean readModelMayDisagree) {
        this.path = path;
        this.lock = lock;
        this.pool = opened.pool();
        this.engineName = opened.engineName();
        this.minFreeBytes = minFreeBytes;
        this.fileStore = fileStoreOf(path.getParent());
        this.durableLogLength = logLength();
        this.keepBackups = keepBackups;
        this.readModelMayDisagree = readModelMayDisagree;
        this.dailyBackup = Backups.daily(dataSource, path, keepBackups);
    }

    /**
     * Opens (creating on first use) the database named {@code dbPath}, migrated to the current
     * schema.
     *
     * @throws DatabaseUnavailable when another process has it open, when the path is not one of
     *                             our databases, or when its folder cannot be written
     */
    public static Database open(Path dbPath) {
        return open(dbPath, Backups.DEFAULT_KEEP);
    }

    /**
     * The same, keeping the newest {@code keepBackups} backups ({@link Backups}; 0: none are made).
     * A database that does not add up ({@link DamageDetector}) is refused without changing a file.
     */
    public static Database open(Path dbPath, int keepBackups) {
        return open(dbPath, keepBackups, false);
    }

    /**
     * The same; with {@code readModelMayDisagree} (for {@code RebuildReadModel}) the read tables are not
     * compared with the write model, but the write model must add up by itself.
     */
    public static Database open(Path dbPath, int keepBackups, boolean readModelMayDisagree) {
        return open(dbPath, keepBackups, readModelMayDisagree, DEFAULT_MIN_FREE_BYTES);
    }

    /**
     * The same, refusing changes while less than {@code minFreeBytes} are free on the database's
     * file system (0: refused only when a write actually fails).
     */
    public static Database open(Path dbPath, int keepBackups, boolean readModelMayDisagree, long minFreeBytes) {
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes cannot be negative, was " + minFreeBytes);
        }
        HsqldbEvents.install();
        Path path = dbPath.toAbsolutePath().normalize();
        refuseWhatCannotBeADatabase(path);
        createFolder(path.getParent());
        ProcessLock lock = ProcessLock.acquire(path);
        BasicDataSource pool = null;
        try {
            Opened opened = connect(path, readModelMayDisagree);
            pool = opened.pool();
            migrate(pool, path, opened.schemaVersion());
            log.info("Opened database {}", path);
            return new Database(path, lock, opened, minFreeBytes, keepBackups, readModelMayDisagree);
        } catch (RuntimeException e) {
            if (pool != null) {
                shutdown(pool, path);
            }
            lock.release();
            throw e;
        }
    }

    /**
     * Starts Hibernate (about a second of CPU) on a background thread, unless it has started
     * already. Queries never need it; call this as soon as commands are to be expected, so the
     * first one does not wait the whole boot.
     */
    public synchronized void bootInBackground() {
        if (sessionFactory != null || closed) {
            return;
        }
        CompletableFuture<SessionFactory> booting = new CompletableFuture<>();
        Thread boot = new Thread(() -> {
            try {
                booting.complete(bootHibernate(dataSource, path));
            } catch (RuntimeException e) {
                booting.completeExceptionally(e);
            }
        }, "hibernate-boot");
        boot.setDaemon(true);
        sessionFactory = booting;
        boot.start();
    }

    /** Whether the write side has been asked to start (by {@link #bootInBackground()} or a unit of work). */
    public synchronized boolean writeSideStarted() {
        return sessionFactory != null;
    }

    /**
     * A fresh Hibernate unit of work per call; the bus starts one per handler call. The first one
     * boots Hibernate if nobody asked for it yet, and waits until it has booted.
     */
    public UnitOfWork.Factory unitsOfWork() {
        return () -> {
            if (writeFailure != null) {
                reopenWhenThereIsRoom();
            }
            return new HibernateUnitOfWork(sessionFactory(), this);
        };
    }

    @Override
    public void beforeWriting() {
        if (writeFailure != null) {
            reopenWhenThereIsRoom();
        }
        long free = freeBytes();
        if (free < minFreeBytes) {
            throw notEnoughSpace(free);
        }
        lock.verify();
    }

    @Override
    public void commit(Runnable commit) {
        synchronized (commitLock) {
            long failuresBefore = HsqldbEvents.ioFailures(engineName);
            commit.run();
            if (HsqldbEvents.ioFailures(engineName) != failuresBefore) {
                throw writeFailed(null);
            }
            durableLogLength = logLength();
        }
    }

    @Override
    public RuntimeException failure(RuntimeException e) {
        if (e instanceof DatabaseUnavailable) {
            return e;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && FILE_ERRORS.contains(sql.getErrorCode())) {
                return writeFailed(e);
            }
        }
        return e;
    }

    /**
     * A write did not reach the disk: stop the engine before anything else is written or read from
     * its memory (which holds the change the planner is now told was not saved), and cut the log
     * back to what was acknowledged. The next use reopens the files once there is room.
     */
    private DatabaseUnavailable writeFailed(Throwable cause) {
        synchronized (this) {
            if (writeFailure == null) {
                long free = freeBytes();
                writeFailure = "The change was not saved: the disk of the database " + path + " is full ("
                        + megabytes(free) + " free). Free some disk space; the desk carries on by itself once there is room.";
                log.error("A write to {} failed ({} bytes free); stopping the engine and going back to the last acknowledged commit",
                        path, free, cause);
                shutdownImmediately();
            }
            return new DatabaseUnavailable(writeFailure, cause);
        }
    }

    private synchronized void shutdownImmediately() {
        BasicDataSource failed = pool;
        try (Connection connection = DriverManager.getConnection(url(path), "SA", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException e) {
            log.warn("SHUTDOWN IMMEDIATELY of {} after a write failure", path, e);
        }
        try {
            failed.close();
        } catch (SQLException e) {
            log.debug("Closing the pool of {} after a write failure", path, e);
        }
        Path logFile = sibling(path, ".log");
        try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.WRITE)) {
            if (channel.size() > durableLogLength) {
                log.warn("Cutting {} back from {} to {} bytes: the rest was never acknowledged", logFile, channel.size(),
                        durableLogLength);
                channel.truncate(durableLogLength);
                channel.force(true);
            }
        } catch (IOException e) {
            log.error("Cannot cut back {}; the next open replays it as HSQLDB finds it", logFile, e);
        }
    }

    /** After a write failure: reopen the files when there is room again, else refuse. */
    private synchronized void reopenWhenThereIsRoom() {
        if (writeFailure == null) {
            return;
        }
        if (closed) {
            throw new DatabaseUnavailable("The database " + path + " is closed");
        }
        long free = freeBytes();
        if (free < Math.max(minFreeBytes, 1)) {
            throw new DatabaseUnavailable(writeFailure);
        }
        Opened opened;
        try {
            opened = connect(path, readModelMayDisagree);
        } catch (DatabaseUnavailable e) {
            log.warn("Reopening {} after a write failure failed", path, e);
            throw new DatabaseUnavailable(writeFailure, e);
        }
        pool = opened.pool();
        engineName = opened.engineName();
        durableLogLength = logLength();
        writeFailure = null;
        log.info("Reopened {} after a write failure: {} free", path, megabytes(free));
    }

    /**
     * A backup is about the size of the database's files; it is skipped (and logged) when taking it
     * would leave less than the free-space floor, so a backup never uses up the room changes need.
     */
    private boolean roomForABackup() {
        long size = 0;
        for (String extension : new String[] {".data", ".script", ".log"}) {
            try {
                size += Files.size(sibling(path, extension));
            } catch (IOException e) {
                // not there: nothing to copy
            }
        }
        long free = freeBytes();
        if (free - size < minFreeBytes) {
            log.warn("No backup of {} at close: it needs about {}, {} are free and {} must stay free", path,
                    megabytes(size), megabytes(free), megabytes(minFreeBytes));
            return false;
        }
        return true;
    }

    private DatabaseUnavailable notEnoughSpace(long free) {
        return new DatabaseUnavailable("Not enough disk space to save changes safely: " + megabytes(free)
                + " free for the database " + path + ", at least " + megabytes(minFreeBytes)
                + " needed. Free some disk space; the desk carries on by itself once there is room.");
    }

    private long freeBytes() {
        return usableSpace(fileStore);
    }

    private static long freeBytesOf(Path folder) {
        return usableSpace(fileStoreOf(folder));
    }

    /** Free bytes for us on the store; unknown (no floor can apply) counts as plenty. */
    private static long usableSpace(FileStore store) {
        if (store == null) {
            return Long.MAX_VALUE;
        }
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            log.debug("Reading the free space of {}", store, e);
            return Long.MAX_VALUE;
        }
    }

    private static FileStore fileStoreOf(Path folder) {
        try {
            return Files.getFileStore(folder);
        } catch (IOException e) {
            log.warn("Cannot tell the free space of {}; no free-space floor", folder, e);
            return null;
        }
    }

    private long logLength() {
        try {
            return Files.size(sibling(path, ".log"));
        } catch (IOException e) {
            return 0;
        }
    }

    private static String megabytes(long bytes) {
        return bytes == Long.MAX_VALUE ? "unknown" : String.format(java.util.Locale.ROOT, "%,.1f MB", bytes / 1_048_576.0);
    }

    private SessionFactory sessionFactory() {
        CompletableFuture<SessionFactory> booting;
        synchronized (this) {
            if (closed) {
                throw new DatabaseUnavailable("The database " + path + " is closed");
            }
            bootInBackground();
            booting = sessionFactory;
        }
        try {
            return booting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Connections for read queries (from the engine now open); each auto-commits unless the caller says otherwise. */
    public DataSource dataSource() {
        return dataSource;
    }

    public Path path() {
        return path;
    }

    /**
     * The {@code check} command: the full consistency check of the database at {@code dbPath},
     * read-only, under our lock; empty when it is healthy.
     */
    public static List<String> check(Path dbPath) {
        Path path = dbPath.toAbsolutePath().normalize();
        return DamageDetector.check(path, url(path));
    }

    /** No backup when this session closes (a restore has just put one in place). */
    synchronized void noBackupAtClose() {
        backupAtClose = false;
    }

    /** Closes Hibernate, runs {@code SHUTDOWN} (a clean checkpoint) and releases the lock. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // A short run may end while Hibernate is still booting: wait for it, so that no
            // thread of ours touches the files after SHUTDOWN has released them.
            SessionFactory booted = sessionFactory == null ? null
                    : sessionFactory.handle((factory, failure) -> factory).join();
            if (booted != null) {
                booted.close();
            }
        } finally {
            try {
                dailyBackup.shutdownNow();
                if (writeFailure == null) {
                    if (backupAtClose && roomForABackup()) {
                        Backups.atClose(dataSource, path, keepBackups);
                    }
                    shutdown(pool, path);
                }
            } finally {
                lock.release();
            }
        }
        log.info("Closed database {}", path);
    }

    private static void refuseWhatCannotBeADatabase(Path path) {
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

    private static void createFolder(Path folder) {
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
    private record Opened(BasicDataSource pool, int schemaVersion, String engineName) {
    }

    /**
     * Opens the database with one direct connection first: a damaged file fails here, at once (the
     * pool would retry for minutes). Before anything is changed, one query checks that it is ours
     * or new; a foreign one is refused and closed without writing ({@link #leaveForeign}). Only then
     * are our settings applied. The database stays open ({@code shutdown=false}) for the pool.
     */
    private static Opened connect(Path path, boolean readModelMayDisagree) {
        boolean hadLog = Files.exists(sibling(path, ".log"));
        boolean hadTmp = Files.exists(sibling(path, ".tmp"));
        long dataLength = DamageDetector.dataLength(path);
        boolean checked = DamageDetector.probe(path, url(path), readModelMayDisagree);
        int schemaVersion;
        String engineName;
        try (Connection connection = DriverManager.getConnection(url(path), "SA", "");
             Statement statement = connection.createStatement()) {
            Ownership ownership = ownership(statement);
            if (ownership.foreign() != null) {
                leaveForeign(statement, path, hadLog, hadTmp);
                throw new DatabaseUnavailable("Cannot use the database " + path
                        + ": it is not an Allocation Desk database (it holds " + ownership.foreign() + ")");
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
            long free = freeBytesOf(path.getParent());
            if (free < NEARLY_FULL) {
                throw new DatabaseUnavailable("Cannot open the database " + path + ": the disk is full ("
                        + megabytes(free) + " free). Free some disk space and try again.", e);
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
     * Whose database this is.
     *
     * @param schemaVersion the version Flyway last installed, -1 for a new (empty) database
     * @param foreign       what shows it is someone else's, or null when it is ours or new
     */
    private record Ownership(int schemaVersion, String foreign) {
    }

    /**
     * One query on the catalogue: no table at all is a new database; ours has Flyway's history
     * (whose version 1 is our first migration). Anything else is another application's database.
     * Ours then answers a second, cheap query that the open path needs anyway: the installed version.
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
        if (tables == 0) {
            return new Ownership(-1, null);
        }
        if (!history) {
            return new Ownership(-1, tables + " table" + (tables == 1 ? "" : "s") + " of another application, e.g. "
                    + example + ", and no Allocation Desk schema history");
        }
        // A handful of rows (one per migration): read them rather than aggregate in SQL.
        int version = -1;
        boolean ours = true;
        try (ResultSet result = statement.executeQuery(
                "SELECT \"version\", \"script\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
            while (result.next()) {
                int installed = Integer.parseInt(result.getString(1));
                if ("1".equals(result.getString(1))) {
                    ours = FIRST_MIGRATION.equals(result.getString(2));
                }
                if (result.getBoolean(3)) {
                    version = Math.max(version, installed);
                }
            }
        } catch (NumberFormatException e) {
            ours = false;
        }
        return ours ? new Ownership(version, null)
                : new Ownership(version, "the schema history of another application (its version 1 is not "
                + FIRST_MIGRATION + ")");
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

    private static Path sibling(Path path, String extension) {
        return path.resolveSibling(path.getFileName() + extension);
    }

    /**
     * <ul>
     *   <li>{@code hsqldb.tx=mvcc}: readers never block writers; write conflicts fail fast.</li>
     *   <li>{@code hsqldb.write_delay=false}: sync the log on every commit (durability).</li>
     *   <li>{@code hsqldb.default_table_type=cached}: table data lives on disk, not in RAM.</li>
     *   <li>{@code shutdown=false}: the database stays open between connections; {@link #close}
     *       shuts it down.</li>
     *   <li>{@code hsqldb.lock_file=false}: HSQLDB's own {@code .lck} file is not used. After a
     *       {@code kill -9} its stale heartbeat delays the next open (docs/decisions/0002). This
     *       is safe only because {@link ProcessLock} guarantees a single process: nothing but
     *       {@link #open} may open these files.</li>
     *   <li>{@code hsqldb.extlog=2}: HSQLDB reports warnings (a failed log write among them) to
     *       {@link HsqldbEvents}.</li>
     * </ul>
     */
    static String url(Path path) {
        return "jdbc:hsqldb:file:" + path
                + ";hsqldb.tx=mvcc;hsqldb.write_delay=false;hsqldb.default_table_type=cached"
                + ";hsqldb.cache_rows=500000;hsqldb.cache_size=131072"
                + ";shutdown=false;hsqldb.lock_file=false;hsqldb.extlog=2";
    }

    /** @param installed the version Flyway last installed ({@link #ownership}), -1 for a new database */
    private static void migrate(DataSource dataSource, Path path, int installed) {
        if (installed == SCHEMA_VERSION) {
            return;
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new DatabaseUnavailable("Cannot use the database " + path
                    + ": it is not an Allocation Desk database, or a newer version wrote it (" + e.getMessage() + ")", e);
        }
    }

    private static SessionFactory bootHibernate(DataSource dataSource, Path path) {
        try {
            return SessionFactories.build(dataSource);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailable("Cannot use the database " + path
                    + ": its tables do not match this version of Allocation Desk (" + e.getMessage() + ")", e);
        }
    }

    private static void shutdown(BasicDataSource pool, Path path) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            log.warn("SHUTDOWN of {} failed; the next open recovers from the log", path, e);
        }
        try {
            pool.close();
        } catch (SQLException e) {
            log.debug("Closing the connection pool of {} after SHUTDOWN", path, e);
        }
    }

    /** The pool of the engine now open; after a write failure, "waiting for room" until it reopens. */
    private final class CurrentPool implements DataSource {
        private BasicDataSource current() throws SQLException {
            if (writeFailure != null) {
                try {
                    reopenWhenThereIsRoom();
                } catch (DatabaseUnavailable e) {
                    throw new SQLException(e.getMessage(), "08001", e);
                }
            }
            return pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return current().getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return current().getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("Not a wrapper of " + type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }
    }
}

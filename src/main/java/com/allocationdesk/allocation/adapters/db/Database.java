package com.allocationdesk.allocation.adapters.db;

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
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * <h2>Damage</h2>
 * A database that does not add up is refused without changing a file ({@link DamageDetector},
 * {@link ConsistencyCheck}); each clean close that wrote something leaves a backup ({@link Backups}).
 *
 * <h2>One writer process</h2>
 * Before HSQLDB sees the files we take an OS lock ({@link FileChannel#tryLock()}) on
 * {@code PATH.app.lock}. A second process (or a second open in this JVM) fails at once with
 * {@link DatabaseUnavailable}, instead of waiting for HSQLDB's own lock. The OS drops the lock
 * when the process dies, even on {@code kill -9}.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /**
     * The highest migration in {@code db/migration}. When the database is already there, start-up
     * skips Flyway (a second and a half on a cold JVM); {@code SchemaVersionTest} fails when a new
     * migration is added without raising this.
     */
    static final int SCHEMA_VERSION = 3;
    /** The script of our version 1 in {@code flyway_schema_history}: what tells our databases from others'. */
    private static final String FIRST_MIGRATION = "V1__write_model.sql";
    /**
     * HSQLDB property, its value, and the statement that sets it: durable commits, MVCC, tables on
     * disk, and up to 500,000 rows (128 MB of row data) of them cached in memory (HSQLDB's default
     * is 50,000 rows, 10 MB). A command touches a product, its batches, their view rows and a few
     * history rows; when these no longer fit, every access reads and decodes the row from the
     * {@code .data} file again. With 250,000 rows an import of 100,000 order lines onto 100,000
     * batches spent 30% more time; a bigger cache bought nothing more (docs/BENCHMARKS.md).
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
     * in every flush, the unit of work and the views prepare theirs per call. Keeping them lets each
     * SQL text be compiled once per connection. The application has a few dozen distinct statements.
     */
    private static final int STATEMENTS_PER_CONNECTION = 200;

    private final Path path;
    private final ProcessLock lock;
    private final BasicDataSource pool;
    /** Backups kept in {@code PATH.backups} ({@link Backups}); 0: none made. */
    private final int keepBackups;
    private final ScheduledExecutorService dailyBackup;
    /** Hibernate, booting or booted; null until {@link #bootInBackground()} or the first unit of work. */
    private CompletableFuture<SessionFactory> sessionFactory;
    private boolean closed;
    private boolean backupAtClose = true;

    private Database(Path path, ProcessLock lock, BasicDataSource pool, int keepBackups) {
        this.path = path;
        this.lock = lock;
        this.pool = pool;
        this.keepBackups = keepBackups;
        this.dailyBackup = Backups.daily(pool, path, keepBackups);
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
     * The same; with {@code viewsMayDisagree} (for {@code RebuildViews}) the read tables are not
     * compared with the write model, but the write model must add up by itself.
     */
    public static Database open(Path dbPath, int keepBackups, boolean viewsMayDisagree) {
        Path path = dbPath.toAbsolutePath().normalize();
        refuseWhatCannotBeADatabase(path);
        createFolder(path.getParent());
        ProcessLock lock = ProcessLock.acquire(path);
        BasicDataSource pool = null;
        try {
            Opened opened = connect(path, viewsMayDisagree);
            pool = opened.pool();
            migrate(pool, path, opened.schemaVersion());
            log.info("Opened database {}", path);
            return new Database(path, lock, pool, keepBackups);
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
                booting.complete(bootHibernate(pool, path));
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
        return () -> new HibernateUnitOfWork(sessionFactory());
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

    /** Connections for read queries; each auto-commits unless the caller says otherwise. */
    public DataSource dataSource() {
        return pool;
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
                if (backupAtClose) {
                    Backups.atClose(pool, path, keepBackups);
                }
                shutdown(pool, path);
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
    private record Opened(BasicDataSource pool, int schemaVersion) {
    }

    /**
     * Opens the database with one direct connection first: a damaged file fails here, at once (the
     * pool would retry for minutes). Before anything is changed, one query checks that it is ours
     * or new; a foreign one is refused and closed without writing ({@link #leaveForeign}). Only then
     * are our settings applied. The database stays open ({@code shutdown=false}) for the pool.
     */
    private static Opened connect(Path path, boolean viewsMayDisagree) {
        boolean hadLog = Files.exists(sibling(path, ".log"));
        boolean hadTmp = Files.exists(sibling(path, ".tmp"));
        long dataLength = DamageDetector.dataLength(path);
        boolean checked = DamageDetector.probe(path, url(path), viewsMayDisagree);
        int schemaVersion;
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
                    : DamageDetector.examine(connection, viewsMayDisagree);
            if (!damage.problems().isEmpty()) {
                leaveForeign(statement, path, hadLog, hadTmp);
                throw DamageDetector.refusal(path, damage, null);
            }
            applySettings(statement);
        } catch (SQLException e) {
            tidyUp(path, hadLog, hadTmp);
            DamageDetector.undoGrowth(path, dataLength);
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
        return new Opened(pool, schemaVersion);
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
     *       {@code kill -9} its stale heartbeat makes the next open wait about ten seconds. This
     *       is safe only because {@link ProcessLock} guarantees a single process: nothing but
     *       {@link #open} may open these files.</li>
     * </ul>
     */
    static String url(Path path) {
        return "jdbc:hsqldb:file:" + path
                + ";hsqldb.tx=mvcc;hsqldb.write_delay=false;hsqldb.default_table_type=cached"
                + ";hsqldb.cache_rows=500000;hsqldb.cache_size=131072"
                + ";shutdown=false;hsqldb.lock_file=false";
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

    /** Our own OS-level lock on {@code PATH.app.lock}: one process per database, released on death. */
    static final class ProcessLock {
        private final FileChannel channel;
        private final FileLock lock;

        private ProcessLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static ProcessLock acquire(Path path) {
            Path lockFile = path.resolveSibling(path.getFileName() + ".app.lock");
            FileChannel channel;
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new DatabaseUnavailable("Cannot write to the database folder " + path.getParent()
                        + ": " + e.getMessage(), e);
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM already holds it
            } catch (IOException e) {
                closeQuietly(channel);
                throw new DatabaseUnavailable("Cannot lock the database " + path + ": " + e.getMessage(), e);
            }
            if (lock == null) {
                closeQuietly(channel);
                throw new DatabaseUnavailable("Allocation Desk is already open on this database: " + path);
            }
            return new ProcessLock(channel, lock);
        }

        void release() {
            try {
                lock.release();
            } catch (IOException e) {
                log.debug("Releasing the database lock", e);
            } finally {
                closeQuietly(channel);
            }
        }

        private static void closeQuietly(FileChannel channel) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("Closing the lock file", e);
            }
        }
    }
}

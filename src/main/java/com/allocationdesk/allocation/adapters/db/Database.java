package com.allocationdesk.allocation.adapters.db;

import com.allocationdesk.allocation.adapters.db.HsqldbEngine.Opened;
import com.allocationdesk.allocation.adapters.jdbc.CommitGate;
import com.allocationdesk.allocation.adapters.jdbc.Migrations;
import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.adapters.jdbc.StoreUsers;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.apache.commons.dbcp2.BasicDataSource;
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
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The embedded HSQLDB file database, as a {@link Store}: the one place that opens the files.
 * {@link #open} locks them for this process ({@link ProcessLock}), starts the engine on them after
 * checking they are ours ({@link HsqldbEngine}) and creates or upgrades the schema
 * ({@link Migrations}); {@link #close} shuts it down cleanly. What runs on it (the queries, the
 * Hibernate units of work, which {@code bootstrap} wires to it) only sees the {@link Store}.
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
 *   <li>commits are serialised around HSQLDB's own (which writes the log under one lock anyway),
 *       and with each its unit of work's writes, which all wait for the commit: one unit writes at
 *       a time, so none ever waits for another's row lock (decision 0015); a commit during which
 *       HSQLDB reported a write failure is refused with {@link DatabaseUnavailable}, never
 *       acknowledged;</li>
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
 * <h2>Closing</h2>
 * {@link #close} waits for no other thread: {@code SHUTDOWN} ends the sessions still inside a
 * transaction and rolls back what they had not committed (logged), the backup at close is a copy of
 * the shut-down files, and a commit that comes after the close is refused, never acknowledged.
 *
 * <h2>One writer process</h2>
 * Before HSQLDB sees the files we take OS locks ({@link ProcessLock}): a second process (or a
 * second open in this JVM) fails at once with {@link DatabaseUnavailable}, instead of waiting for
 * HSQLDB's own lock, even when the lock file beside the database was deleted or replaced. The OS
 * drops the locks when the process dies, even on {@code kill -9}.
 */
public final class Database implements Store, CommitGate {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /**
     * Free space below which no change is written, unless {@code open} is told otherwise: room for
     * HSQLDB's log to reach its checkpoint size (50 MB) and for the checkpoint itself.
     */
    public static final long DEFAULT_MIN_FREE_BYTES = 64L << 20;

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
    /**
     * Held for the whole of {@link #close}, so a second close returns only once the first is done;
     * taken before {@link #commitLock} and this object's lock, never inside them.
     */
    private final Object closeLock = new Object();
    /** Length of the {@code .log} after the last acknowledged commit: everything after it may go. */
    private long durableLogLength;
    private final DataSource dataSource = new CurrentPool();
    /** Backups kept in {@code PATH.backups} ({@link Backups}); 0: none made. */
    private final int keepBackups;
    /** Whether this session opened with read tables allowed to disagree ({@code rebuild-views}). */
    private final boolean readModelMayDisagree;
    private final ScheduledExecutorService dailyBackup;
    /** What uses this store's connections and closes before it, last registered first. */
    private final StoreUsers users = new StoreUsers();
    private boolean closed;
    /** Set by {@link #close} under the commit lock: from then on no commit is acknowledged. */
    private volatile boolean commitsRefused;
    private boolean backupAtClose = true;
    /** How long a close waits for a daily backup that is running at that moment. */
    private static final Duration DAILY_BACKUP_STOPS_WITHIN = Duration.ofSeconds(30);


    private Database(Path path, ProcessLock lock, Opened opened, long minFreeBytes, int keepBackups,
                     boolean readModelMayDisagree) {
        this.path = path;
        this.lock = lock;
        this.pool = opened.pool();
        this.engineName = opened.engineName();
        this.minFreeBytes = minFreeBytes;
        this.fileStore = DiskSpace.fileStoreOf(path.getParent());
        this.durableLogLength = logLength();
        this.keepBackups = keepBackups;
        this.readModelMayDisagree = readModelMayDisagree;
        this.dailyBackup = Backups.daily(dataSource, path, keepBackups, () -> !commitsRefused);
    }

    /**
     * Opens (creating on first use) the database named {@code dbPath}, migrated to the current
     * schema.
     *
     * @throws DatabaseUnavailable when another process has it open, when the path is not one of
     *                             our databases, or when its folder cannot be written
     */
    /** Whether there is a database at {@code dbPath} (its {@code .properties} file); opening one that is not creates it. */
    public static boolean exists(Path dbPath) {
        return Files.isRegularFile(HsqldbEngine.sibling(dbPath, ".properties"));
    }

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
        HsqldbEngine.refuseWhatCannotBeADatabase(path);
        HsqldbEngine.createFolder(path.getParent());
        ProcessLock lock = ProcessLock.acquire(path);
        BasicDataSource pool = null;
        try {
            Opened opened = HsqldbEngine.connect(path, readModelMayDisagree);
            pool = opened.pool();
            Migrations.migrate(pool, Migrations.Engine.HSQLDB, path.toString(), opened.schemaVersion());
            log.info("Opened database {}", path);
            return new Database(path, lock, opened, minFreeBytes, keepBackups, readModelMayDisagree);
        } catch (RuntimeException e) {
            if (pool != null) {
                HsqldbEngine.shutdown(pool, path);
            }
            lock.release();
            throw e;
        }
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public CommitGate commitGate() {
        return this;
    }

    @Override
    public String name() {
        return path.toString();
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void closeFirst(AutoCloseable user) {
        if (closed) {
            throw new DatabaseUnavailable("The database " + path + " is closed");
        }
        users.add(user);
    }

    @Override
    public void beforeTransaction() {
        if (writeFailure != null) {
            reopenWhenThereIsRoom();
        }
    }

    @Override
    public void beforeWriting() {
        if (commitsRefused) {
            throw closedToChanges();
        }
        if (writeFailure != null) {
            reopenWhenThereIsRoom();
        }
        long free = freeBytes();
        if (free < minFreeBytes) {
            throw notEnoughSpace(free);
        }
        lock.verify();
    }

    /** Runs a unit of work's writes and commit under the commit lock: one at a time. */
    @Override
    public void commit(Runnable commit) {
        synchronized (commitLock) {
            if (commitsRefused) {
                throw closedToChanges();
            }
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
            if (cause instanceof SQLException sql && HsqldbEngine.isFileError(sql)) {
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
                        + DiskSpace.megabytes(free) + " free). Free some disk space; the desk carries on by itself once there is room.";
                log.error("A write to {} failed ({} bytes free); stopping the engine and going back to the last acknowledged commit",
                        path, free, cause);
                shutdownImmediately();
            }
            return new DatabaseUnavailable(writeFailure, cause);
        }
    }

    /** Stops the engine at once and cuts the log back to what was acknowledged. */
    private synchronized void shutdownImmediately() {
        HsqldbEngine.shutdownImmediately(pool, path);
        Path logFile = HsqldbEngine.sibling(path, ".log");
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
            opened = HsqldbEngine.connect(path, readModelMayDisagree);
        } catch (DatabaseUnavailable e) {
            log.warn("Reopening {} after a write failure failed", path, e);
            throw new DatabaseUnavailable(writeFailure, e);
        }
        pool = opened.pool();
        engineName = opened.engineName();
        durableLogLength = logLength();
        writeFailure = null;
        log.info("Reopened {} after a write failure: {} free", path, DiskSpace.megabytes(free));
    }

    /**
     * {@code SHUTDOWN} checkpoints: it writes a new {@code .script}, the changed rows into {@code .data}
     * (with an incremental {@code .backup} of what they overwrite) and a new {@code .properties}. On a
     * disk that fills up in the middle, HSQLDB can be left with the new script but the old log, which
     * it then cannot replay (a row inserted twice): the database looks damaged. So on a nearly full
     * disk the engine stops without a checkpoint ({@code SHUTDOWN IMMEDIATELY}): its files stay as the
     * last acknowledged commit left them, and the next open replays the log, as after a crash.
     */
    private boolean roomForACheckpoint() {
        long needed = HsqldbEngine.checkpointNeeds(path);
        long free = freeBytes();
        if (free < needed) {
            log.warn("No checkpoint at the close of {}: about {} needed, {} free; the next open replays the log", path,
                    DiskSpace.megabytes(needed), DiskSpace.megabytes(free));
            return false;
        }
        return true;
    }

    /**
     * A backup is about the size of the database's files; it is skipped (and logged) when taking it
     * would leave less than the free-space floor, so a backup never uses up the room changes need.
     */
    private boolean roomForABackup() {
        long size = 0;
        for (String extension : new String[] {".data", ".script", ".log"}) {
            size += DiskSpace.sizeOf(HsqldbEngine.sibling(path, extension));
        }
        long free = freeBytes();
        if (free - size < minFreeBytes) {
            log.warn("No backup of {} at close: it needs about {}, {} are free and {} must stay free", path,
                    DiskSpace.megabytes(size), DiskSpace.megabytes(free), DiskSpace.megabytes(minFreeBytes));
            return false;
        }
        return true;
    }

    private DatabaseUnavailable closedToChanges() {
        return new DatabaseUnavailable("The database " + path + " is closed: the change was not saved.");
    }

    private DatabaseUnavailable notEnoughSpace(long free) {
        return new DatabaseUnavailable("Not enough disk space to save changes safely: " + DiskSpace.megabytes(free)
                + " free for the database " + path + ", at least " + DiskSpace.megabytes(minFreeBytes)
                + " needed. Free some disk space; the desk carries on by itself once there is room.");
    }

    private long freeBytes() {
        return DiskSpace.usableSpace(fileStore);
    }

    private long logLength() {
        return DiskSpace.sizeOf(HsqldbEngine.sibling(path, ".log"));
    }

    /**
     * The {@code check} command: the full consistency check of the database at {@code dbPath},
     * read-only, under our lock; empty when it is healthy.
     */
    public static List<String> check(Path dbPath) {
        Path path = dbPath.toAbsolutePath().normalize();
        return DamageDetector.check(path, HsqldbEngine.url(path));
    }

    /** No backup when this session closes (a restore has just put one in place). */
    synchronized void noBackupAtClose() {
        backupAtClose = false;
    }

    /**
     * Closes what registered with {@link #closeFirst} (Hibernate, waiting for it if it is still
     * booting), shuts the commit gate, runs {@code SHUTDOWN} (a clean checkpoint), copies the
     * closed files into a backup when the session committed something ({@link Backups}) and releases
     * the lock.
     * <p>
     * It never waits for other threads' work. A thread still inside a transaction (a unit of work
     * in progress, a connection checked out and never committed) holds up neither {@code SHUTDOWN},
     * which ends its session and rolls back what it had not committed (logged at WARN), nor the
     * backup, which is a copy of the shut-down files rather than HSQLDB's {@code BACKUP … BLOCKING}
     * (that waits for every transaction to end: it once held a close up forever). {@code SHUTDOWN}
     * runs on a connection of its own, so a pool whose connections are all checked out does not hold
     * it up either. What was acknowledged stays: a commit in progress finishes before the gate
     * shuts, and one that comes after is refused with {@link DatabaseUnavailable} ("is closed: the
     * change was not saved"), never acknowledged.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            try {
                users.closeAll();
            } finally {
                shutCommitGate();
                stopDailyBackup();
                synchronized (this) {
                    try {
                        if (writeFailure == null) {
                            shutDownAndBackUp();
                        }
                    } finally {
                        lock.release();
                    }
                }
            }
            log.info("Closed database {}", path);
        }
    }

    /**
     * Waits for a commit in progress to finish (a commit is short: HSQLDB's commit and its fsync);
     * every later one is refused. Not under this object's lock: a commit that meets a write failure
     * takes that one inside the commit lock.
     */
    private void shutCommitGate() {
        synchronized (commitLock) {
            commitsRefused = true;
        }
    }

    /**
     * A daily backup running now ends first (it is interrupted; one that completes after the close
     * began is not kept): it must not race SHUTDOWN. Not under this object's lock, which the backup's
     * connection may need.
     */
    private void stopDailyBackup() {
        dailyBackup.shutdownNow();
        try {
            if (!dailyBackup.awaitTermination(DAILY_BACKUP_STOPS_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("The daily backup of {} did not stop within {} s; closing anyway (it is not kept)", path,
                        DAILY_BACKUP_STOPS_WITHIN.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutDownAndBackUp() {
        if (!roomForACheckpoint()) {
            HsqldbEngine.shutdownImmediately(pool, path);
            return;
        }
        boolean backUp = backupAtClose && Backups.wantedAtClose(path, keepBackups) && roomForABackup();
        boolean checkpointed = HsqldbEngine.shutdown(pool, path);
        if (backUp && checkpointed) {
            Backups.afterShutdown(path, keepBackups);
        } else if (backUp) {
            log.warn("No backup of {} at close: SHUTDOWN failed, so its files are not a checkpointed database", path);
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

package com.allocationdesk.allocation.adapters.db;

import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One process per database, whatever happens to the lock file. Two OS locks ({@link
 * FileChannel#tryLock()}, dropped by the OS when the process dies, even on {@code kill -9}):
 * <ol>
 *   <li>{@code PATH.app.lock} beside the database: what another machine sharing the folder sees;</li>
 *   <li>a <em>guard</em> outside the data folder, named after the folder's identity on disk (device
 *       and inode) and the database's name, so that deleting, renaming or replacing the lock file in
 *       the data folder does not open the door to a second process on this machine.</li>
 * </ol>
 * A process must get both. The holder also {@link #verify}s before every write that the lock file
 * in the folder is still the one it locked; if it was deleted, renamed or replaced, it locks the
 * file now at that path again (so the next process is refused there too), or stops writing when
 * someone else already holds it. (docs/decisions/0002-one-writer-whatever-happens-to-the-lock-file.md)
 */
final class ProcessLock {
    private static final Logger log = LoggerFactory.getLogger(ProcessLock.class);
    /** Where the guards live; a system property for tests that want their own. */
    static final String GUARD_DIR_PROPERTY = "allocationdesk.lockdir";

    private final Path database;
    private final Path lockFile;
    /** Every lock this process holds for the database: the lock file, the guard, any re-taken lock file. */
    private final List<Held> held = new ArrayList<>();
    /** The identity (device, inode) of the lock file we hold at {@link #lockFile}. */
    private Object lockFileKey;

    private ProcessLock(Path database) {
        this.database = database;
        this.lockFile = database.resolveSibling(database.getFileName() + ".app.lock");
    }

    /** @throws DatabaseUnavailable when another process holds the database, or the folder cannot be written */
    static ProcessLock acquire(Path database) {
        ProcessLock lock = new ProcessLock(database);
        try {
            Held file = lock.take(lock.lockFile);
            lock.lockFileKey = file.key();
            Path guard = guardFor(database);
            if (guard != null) {
                lock.take(guard);
            }
            return lock;
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    /**
     * Checks that the lock file in the data folder is still the one this process locked. If it is
     * gone or another file took its place, the file now at that path is created if need be and
     * locked; when another process holds that one, writing must stop.
     *
     * @throws DatabaseUnavailable when another process holds the lock file now at the path
     */
    synchronized void verify() {
        Object now = keyOf(lockFile);
        if (Objects.equals(now, lockFileKey)) {
            return;
        }
        log.warn("The lock file {} was deleted, renamed or replaced while the database was open; locking it again",
                lockFile);
        Held again = take(lockFile);
        lockFileKey = again.key();
    }

    synchronized void release() {
        for (Held lock : held) {
            lock.release();
        }
        held.clear();
    }

    private Held take(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            log.warn("Cannot create the lock file {}", file, e);
            throw new DatabaseUnavailable("Cannot write to the database folder " + file.getParent());
        }
        FileLock fileLock;
        try {
            fileLock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            fileLock = null; // this JVM already holds it
        } catch (IOException e) {
            closeQuietly(channel);
            log.warn("Cannot lock {}", file, e);
            throw new DatabaseUnavailable("Cannot lock the database " + database);
        }
        if (fileLock == null) {
            closeQuietly(channel);
            throw new DatabaseUnavailable("Allocation Desk is already open on this database: " + database);
        }
        Held lock = new Held(channel, fileLock, keyOf(file));
        held.add(lock);
        return lock;
    }

    /**
     * The guard of a database: {@code <lockdir>/<device-inode of the folder>-<name>.lock}, where
     * lockdir is {@value #GUARD_DIR_PROPERTY} or {@code java.io.tmpdir/allocation-desk-locks}. Null
     * when the file system gives folders no identity (then the lock file alone protects).
     */
    static Path guardFor(Path database) {
        Object folderKey = keyOf(database.getParent());
        if (folderKey == null) {
            return null;
        }
        String dir = System.getProperty(GUARD_DIR_PROPERTY);
        Path guards = dir != null ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "allocation-desk-locks");
        try {
            Files.createDirectories(guards);
        } catch (IOException e) {
            log.warn("Cannot create the lock folder {}; the lock file alone protects {}", guards, e, database);
            return null;
        }
        String name = (folderKey + "-" + database.getFileName()).replaceAll("[^A-Za-z0-9._-]", "_");
        return guards.resolve(name + ".lock");
    }

    private static Object keyOf(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            log.debug("Reading the identity of {}", file, e);
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing a lock file", e);
        }
    }

    private record Held(FileChannel channel, FileLock lock, Object key) {
        void release() {
            try {
                lock.release();
            } catch (IOException e) {
                log.debug("Releasing a database lock", e);
            } finally {
                closeQuietly(channel);
            }
        }
    }
}

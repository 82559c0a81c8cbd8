package com.allocationdesk.allocation.adapters.db;

import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Rolling backups in {@code PATH.backups/}, one folder per backup ({@code NAME-yyyyMMdd-HHmmss-SSS/}
 * holding {@code NAME.script}, {@code NAME.properties}, {@code NAME.data}): each a whole database,
 * opened as it is and restored by copying it back.
 * <p>
 * A backup is made when a database that passed the open-time check is closed cleanly and
 * something was written in the session (its {@code .log} is not empty), and once a day while it
 * stays open. The one at close is a copy of the files that {@code SHUTDOWN} left
 * ({@link #afterShutdown}), taken while our process lock is still held: a shut-down database is
 * exactly its checkpointed {@code .script}, {@code .properties} and {@code .data}, so the copy waits
 * for no one. (HSQLDB's {@code BACKUP DATABASE … BLOCKING} waits until every other session's
 * transaction has ended: a thread that never finished its transaction once held a close up
 * forever.) The daily one is HSQLDB's online {@code BACKUP DATABASE TO '…/' NOT BLOCKING AS FILES},
 * which holds up neither writers nor a close. {@code AS FILES} rather than a {@code .tar.gz}:
 * HSQLDB's tar writer prints its progress on {@code System.out}, which is the command line's output.
 * <p>
 * Each is written under a {@code .partial} name, every file synced, and renamed when complete, so a
 * backup folder is always a whole database. The newest {@value #DEFAULT_KEEP} are kept
 * ({@value #KEEP_VARIABLE}; 0 turns backups off).
 */
public final class Backups {
    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    /** How many backups are kept unless {@value #KEEP_VARIABLE} says otherwise. */
    public static final int DEFAULT_KEEP = 7;
    /** The environment variable that sets how many backups are kept (0: none are made). */
    public static final String KEEP_VARIABLE = "ALLOCATION_DESK_BACKUPS";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String PARTIAL = ".partial";
    private static final List<String> FILES = List.of(".script", ".properties", ".data", ".lobs");
    /**
     * What a restore copies back: the files, and the {@code .log} a daily ({@code NOT BLOCKING})
     * backup holds, with every commit since the last checkpoint (without it they are lost;
     * {@code DailyBackupRestoreIT}).
     */
    private static final List<String> RESTORED = List.of(".script", ".properties", ".data", ".log", ".lobs");
    private static final List<String> SET_ASIDE = List.of(".script", ".properties", ".data", ".log", ".lobs",
            ".backup", ".tmp");

    private Backups() {
    }

    /**
     * How many backups to keep, from the environment.
     *
     * @throws DatabaseUnavailable when the variable is not a whole number from 0 to 1000
     */
    public static int keep(Map<String, String> env) {
        String value = env.get(KEEP_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_KEEP;
        }
        try {
            int keep = Integer.parseInt(value.strip());
            if (keep >= 0 && keep <= 1000) {
                return keep;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new DatabaseUnavailable(KEEP_VARIABLE + " must be the number of backups to keep (0 to 1000), was '"
                + value + "'");
    }

    /** {@code PATH.backups}, next to the database. */
    public static Path folder(Path db) {
        return db.resolveSibling(db.getFileName() + ".backups");
    }

    /** The complete backups, newest first. */
    public static List<Path> list(Path db) {
        Path folder = folder(db);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> backups = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.endsWith(PARTIAL) && Files.isDirectory(entry) && instance(entry).isPresent()) {
                    backups.add(entry);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot list the backups in {}", folder, e);
        }
        backups.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return backups;
    }

    public static Optional<Path> newest(Path db) {
        return list(db).stream().findFirst();
    }

    /** When the backup was taken, from its name ("2026-12-01 20:45"), or its name. */
    static String taken(Path backup) {
        String name = backup.getFileName().toString();
        try {
            return LocalDateTime.parse(name.substring(name.length() - "yyyyMMdd-HHmmss-SSS".length()), STAMP).format(SHOWN);
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            return name;
        }
    }

    /**
     * At a close, before {@code SHUTDOWN}: whether it should leave a backup, i.e. backups are kept
     * and something was committed in the session. Every session writes {@code SET SCHEMA} and
     * {@code DISCONNECT} lines to the {@code .log}; a committed change writes a {@code COMMIT} line,
     * usually near the start, so reading stops early.
     */
    static boolean wantedAtClose(Path db, int keep) {
        return keep > 0 && committedSinceCheckpoint(DamageDetector.sibling(db, ".log"));
    }

    /**
     * After a clean {@code SHUTDOWN}, while our process lock is still held (nothing can open the
     * files): a copy of the database's files, each synced, then the oldest beyond {@code keep}
     * removed. Skipped, and logged, when the files are not a whole shut-down database (a
     * {@code .log} left to replay, no {@code .script}). A failure is logged, never thrown: the
     * planner's work is already safe in the database itself.
     */
    static void afterShutdown(Path db, int keep) {
        long started = System.nanoTime();
        Path logFile = DamageDetector.sibling(db, ".log");
        if (DiskSpace.sizeOf(logFile) > 0 || !Files.exists(DamageDetector.sibling(db, ".script"))
                || !Files.exists(DamageDetector.sibling(db, ".properties"))) {
            log.warn("No backup of {} at close: SHUTDOWN did not leave a checkpointed database (a log to replay, or no script)",
                    db);
            return;
        }
        Path folder = folder(db);
        String name = db.getFileName() + "-" + LocalDateTime.now().format(STAMP);
        Path partial = folder.resolve(name + PARTIAL);
        try {
            Files.createDirectories(partial);
            for (String extension : FILES) {
                Path file = DamageDetector.sibling(db, extension);
                if (Files.exists(file)) {
                    Path copy = partial.resolve(file.getFileName());
                    Files.copy(file, copy);
                    sync(copy);
                }
            }
            syncFolder(partial);
            Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            syncFolder(folder);
            log.info("Backed up {} to {} in {} ms", db, folder.resolve(name), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            log.warn("Backup of {} to {} failed", db, partial, e);
            deleteQuietly(partial);
        }
        prune(db, keep);
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** So the new names survive a power cut; not every file system lets a folder be synced, which is then only logged. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("Cannot sync the folder {}", folder, e);
        }
    }

    private static boolean committedSinceCheckpoint(Path logFile) {
        if (!Files.exists(logFile)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(logFile, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch("COMMIT"::equals);
        } catch (IOException | UncheckedIOException e) {
            log.debug("Cannot see whether {} changed; backing it up", logFile, e);
            return true;
        }
    }

    /**
     * Once a day while the database stays open, a backup that does not hold up writers
     * ({@code NOT BLOCKING}); one that is still being taken when {@code open} turns false (the
     * database is closing) is not kept.
     */
    static ScheduledExecutorService daily(DataSource pool, Path db, int keep, BooleanSupplier open) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "daily-backup");
            thread.setDaemon(true);
            return thread;
        });
        if (keep > 0) {
            scheduler.scheduleAtFixedRate(() -> take(pool, db, keep, open), 1, 1, TimeUnit.DAYS);
        }
        return scheduler;
    }

    /**
     * Takes one online backup ({@code NOT BLOCKING}) and prunes; a failure is logged, never thrown
     * (the planner's work is already safe).
     */
    static void take(DataSource pool, Path db, int keep, BooleanSupplier open) {
        long started = System.nanoTime();
        Path folder = folder(db);
        String name = db.getFileName() + "-" + LocalDateTime.now().format(STAMP);
        Path partial = folder.resolve(name + PARTIAL);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            Files.createDirectories(folder);
            statement.execute("BACKUP DATABASE TO '" + partial.toString().replace("'", "''") + "/' NOT BLOCKING AS FILES");
            if (!open.getAsBoolean()) {
                // the database began to close during the backup: SHUTDOWN may have cut the copy short
                throw new IOException("the database was closed during the backup");
            }
            Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            log.info("Backed up {} to {} in {} ms", db, folder.resolve(name), (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException | IOException | RuntimeException e) {
            log.warn("Backup of {} to {} failed", db, partial, e);
            deleteQuietly(partial);
        }
        prune(db, keep);
    }

    /** Removes all but the newest {@code keep} backups, and leftovers of backups that failed. */
    static void prune(Path db, int keep) {
        List<Path> backups = list(db);
        for (Path old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
            deleteQuietly(old);
        }
        try (Stream<Path> entries = Files.list(folder(db))) {
            entries.filter(p -> p.getFileName().toString().endsWith(PARTIAL)).forEach(Backups::deleteQuietly);
        } catch (IOException e) {
            log.debug("Cannot look for failed backups in {}", folder(db), e);
        }
    }

    /** What {@link #restore} did: the backup, where the replaced files went, and what the check found. */
    public record Restored(Path backup, Path setAside, List<String> problems) {
    }

    /**
     * Puts a backup in place of the database: refused while another process has it open (our lock);
     * the current files are moved aside to {@code PATH.replaced-STAMP/} (never deleted), the backup's
     * files copied in, then the database is opened (the open-time check) and fully checked.
     *
     * @param backup a backup folder, or the name of one in {@code PATH.backups}
     */
    public static Restored restore(Path db, String backup) {
        Path source = Path.of(backup);
        if (!Files.isDirectory(source)) {
            source = folder(db).resolve(backup);
        }
        if (!Files.isDirectory(source) || instance(source).isEmpty()) {
            throw new DatabaseUnavailable("There is no backup '" + backup + "' (backups are the folders in "
                    + folder(db) + ")");
        }
        String instance = instance(source).orElseThrow();
        Path aside = db.resolveSibling(db.getFileName() + ".replaced-" + LocalDateTime.now().format(STAMP));
        ProcessLock lock = ProcessLock.acquire(db);
        try {
            Files.createDirectories(aside);
            for (String extension : SET_ASIDE) {
                Path file = DamageDetector.sibling(db, extension);
                if (Files.exists(file)) {
                    Files.move(file, aside.resolve(file.getFileName()));
                }
            }
            for (String extension : RESTORED) {
                Path file = source.resolve(instance + extension);
                if (Files.exists(file)) {
                    Files.copy(file, DamageDetector.sibling(db, extension));
                }
            }
        } catch (IOException e) {
            throw new DatabaseUnavailable("Cannot restore " + source.getFileName() + " into " + db + ": "
                    + e.getMessage() + ". The files it replaced are in " + aside, e);
        } finally {
            lock.release();
        }
        log.info("Restored {} from {}; the replaced files are in {}", db, source, aside);
        try (Database database = Database.open(db)) {
            database.noBackupAtClose();
            try (Connection connection = database.dataSource().getConnection()) {
                return new Restored(source, aside, ConsistencyCheck.full(connection));
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailable("Cannot check the restored database " + db + "; the files it replaced are in "
                    + aside, e);
        }
    }

    /** The database name inside a backup folder: the one with a {@code .script} and a {@code .properties}. */
    private static Optional<String> instance(Path backup) {
        try (Stream<Path> files = Files.list(backup)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".script"))
                    .map(n -> n.substring(0, n.length() - ".script".length()))
                    .filter(n -> Files.exists(backup.resolve(n + ".properties")))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void deleteQuietly(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("Cannot remove {}", path, e);
        }
    }
}

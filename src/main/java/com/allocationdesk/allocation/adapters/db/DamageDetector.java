package com.allocationdesk.allocation.adapters.db;

import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A damaged database is told, not used. Opening a database read-write lets HSQLDB recover it
 * (replay its {@code .log}, checkpoint), which rewrites its files before anyone could look; and
 * HSQLDB stops replaying a log at a line it cannot read and opens with the rest silently gone.
 * So, when a database needs recovery (a {@code .log} with something in it, or
 * {@code modified=yes} in its {@code .properties}), {@link #probe} first opens it with
 * {@code readonly=true} (nothing is written, not even the {@code .tmp} folder) and
 * {@code hsqldb.full_log_replay=true} (a log line that cannot be read fails the open instead of
 * ending the replay there), and runs {@link ConsistencyCheck#quick}. When the log's rows do not
 * fit the free space of the {@code .data} (a read-only open cannot grow it) the same runs on a copy
 * in {@code PATH.checking/}, removed afterwards. A database that was shut down
 * cleanly is opened once, as before, and checked on its first connection
 * ({@link Database}); a refused one is closed without writing.
 * <p>
 * A log merely cut short at a line end cannot be told from one written up to a crash: HSQLDB
 * syncs the log at each commit, so such a log holds every acknowledged change up to the cut and
 * opens consistently. A partial last line (a crash during a write) is ignored by HSQLDB: it is
 * never an acknowledged change.
 */
public final class DamageDetector {
    private static final Logger log = LoggerFactory.getLogger(DamageDetector.class);
    private static final Pattern LOG_LINE = Pattern.compile("\\.log line: (\\d+)");
    private static final int PROBLEMS_SHOWN = 3;

    private DamageDetector() {
    }

    /**
     * Checks a database that needs recovery without writing to it.
     *
     * @param url the URL the database is opened with
     * @return true when it was checked here (so the read-write open need not check it again)
     * @throws DatabaseUnavailable when it is damaged
     */
    static boolean probe(Path path, String url, boolean readModelMayDisagree) {
        if (!needsRecovery(path)) {
            return false;
        }
        long started = System.nanoTime();
        Findings problems;
        try {
            problems = replayAndCheck(path, path, url + ";readonly=true", readModelMayDisagree);
            log.info("Checked {} read-only before recovering it in {} ms", path, (System.nanoTime() - started) / 1_000_000);
        } catch (NeedsRoom e) {
            // The log adds more rows than the .data has free space for, which a read-only open
            // cannot give: replay it on a copy instead.
            Optional<Findings> onCopy = onCopy(path, readModelMayDisagree);
            if (onCopy.isEmpty()) {
                return false;
            }
            problems = onCopy.get();
            log.info("Checked {} on a copy before recovering it in {} ms", path, (System.nanoTime() - started) / 1_000_000);
        }
        if (!problems.problems().isEmpty()) {
            throw refusal(path, problems, null);
        }
        return true;
    }

    /**
     * What the open-time check found, and whether the stock records (the write model) add up by
     * themselves: then the lists may merely be behind (a projection that failed), and
     * {@code rebuild-views} is offered besides a restore.
     */
    record Findings(List<String> problems, boolean recordsAddUp) {
        static final Findings NONE = new Findings(List.of(), true);

        static Findings of(List<String> problems) {
            return new Findings(problems, false);
        }
    }

    /** The open-time check; when it finds something, whether the write model adds up by itself. */
    static Findings examine(Connection connection, boolean readModelMayDisagree) throws SQLException {
        List<String> problems = ConsistencyCheck.atOpen(connection, readModelMayDisagree);
        if (problems.isEmpty()) {
            return Findings.NONE;
        }
        return new Findings(problems, !readModelMayDisagree && ConsistencyCheck.atOpen(connection, true).isEmpty());
    }

    /** The read-only replay ran out of room in the {@code .data} file. */
    private static final class NeedsRoom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NeedsRoom(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Opens {@code files} with full log replay and runs the quick check. A log that fails only on
     * its last line, left without a line end, is what a crash during a write leaves (never a
     * committed change): it is replayed again without full replay, which ignores that line.
     *
     * @param db the database the planner named, for the message
     */
    private static Findings replayAndCheck(Path db, Path files, String url, boolean readModelMayDisagree) {
        Work<Findings> check = connection -> ours(connection) ? examine(connection, readModelMayDisagree) : Findings.NONE;
        try {
            return open(url + ";hsqldb.full_log_replay=true", check);
        } catch (SQLException e) {
            if (needsRoom(e)) {
                throw new NeedsRoom(e);
            }
            if (!cutInsideLastLine(files, e)) {
                log.warn("Replaying the log of {} failed", db, e);
                throw refusal(db, Findings.of(List.of(describe(e))), e);
            }
            log.warn("The log of {} ends inside a line (a crash during a write); that line is ignored", db);
        }
        try {
            return open(url, check);
        } catch (SQLException again) {
            if (needsRoom(again)) {
                throw new NeedsRoom(again);
            }
            log.warn("Replaying the log of {} failed", db, again);
            throw refusal(db, Findings.of(List.of(describe(again))), again);
        }
    }

    /**
     * Copies the files to {@code PATH.checking/} next to them, replays and checks the copy, and
     * removes it. Empty when the copy cannot be made (no room on the disk): then the database is
     * recovered and checked on its first connection, as a clean one is.
     */
    private static Optional<Findings> onCopy(Path path, boolean readModelMayDisagree) {
        Path folder = path.resolveSibling(path.getFileName() + ".checking");
        Path copy = folder.resolve(path.getFileName().toString());
        try {
            Backups.deleteQuietly(folder);
            Files.createDirectories(folder);
            for (String extension : List.of(".script", ".properties", ".data", ".log", ".lobs")) {
                Path file = sibling(path, extension);
                if (Files.exists(file)) {
                    Files.copy(file, sibling(copy, extension));
                }
            }
        } catch (IOException e) {
            log.warn("Cannot copy {} to check it; it is checked once recovered", path, e);
            Backups.deleteQuietly(folder);
            return Optional.empty();
        }
        try {
            return Optional.of(replayAndCheck(path, copy, HsqldbEngine.url(copy), readModelMayDisagree));
        } catch (NeedsRoom e) {
            log.warn("Checking a copy of {} failed; it is checked once recovered", path, e);
            return Optional.empty();
        } finally {
            Backups.deleteQuietly(folder);
        }
    }

    private static boolean needsRoom(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Data File size limit")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code check} command: the full check on a read-only open, under our process lock (so
     * nobody writes while it reads). A log that cannot be read is reported, and the rest checked
     * as far as it can be read.
     *
     * @return the problems found, empty when the database is healthy
     */
    static List<String> check(Path path, String url) {
        if (!Files.exists(sibling(path, ".script")) && !Files.exists(sibling(path, ".properties"))) {
            throw new DatabaseUnavailable("There is no database at " + path);
        }
        ProcessLock lock = ProcessLock.acquire(path);
        try {
            try {
                return readOnly(url, connection -> ours(connection) ? ConsistencyCheck.full(connection)
                        : List.of("it is not an Allocation Desk database"));
            } catch (SQLException e) {
                if (needsRoom(e)) {
                    log.warn("A read-only open of {} cannot replay its log", path, e);
                    return List.of("it was not shut down cleanly and its recent changes cannot be replayed read-only:"
                            + " open it once (it is checked as it opens), then check again");
                }
                log.warn("Full read-only check of {} failed; checking what can be read", path, e);
                String unreadable = describe(e);
                try {
                    List<String> rest = readOnlyWithoutFullReplay(url,
                            connection -> ours(connection) ? ConsistencyCheck.full(connection) : List.<String>of());
                    return concat(unreadable, rest);
                } catch (SQLException again) {
                    log.warn("Read-only check of {} failed", path, again);
                    return List.of(unreadable);
                }
            }
        } finally {
            lock.release();
        }
    }

    /** The one-line refusal: what is wrong, that nothing changed, and what to do. */
    static DatabaseUnavailable refusal(Path path, Findings findings, Throwable cause) {
        List<String> problems = findings.problems();
        String shown = String.join("; ", problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size())))
                + (problems.size() > PROBLEMS_SHOWN ? "; and " + (problems.size() - PROBLEMS_SHOWN) + " more" : "");
        return new DatabaseUnavailable("The database " + path + " is damaged (" + shown + "). It was not opened and"
                + " nothing was changed. " + (findings.recordsAddUp()
                ? "The stock records add up by themselves: if only the lists are behind, 'allocation-desk --db " + path
                + " rebuild-views' recomputes them from the records. " : "") + whatToDo(path), cause);
    }

    /** Names the newest backup and the command that restores it, or says there is none. */
    static String whatToDo(Path path) {
        Optional<Path> newest = Backups.newest(path);
        String check = "'allocation-desk --db " + path + " check' lists what is wrong.";
        return newest.map(backup -> "Restore the newest good backup (" + Backups.taken(backup) + "): "
                        + "allocation-desk --db " + path + " restore " + backup.getFileName() + "; " + check)
                .orElse("There is no backup of it: keep its files as they are and ask for help; " + check);
    }

    /** What the planner is told of an open that failed: no class names, no SQL. */
    static String describe(SQLException e) {
        String message = String.valueOf(e.getMessage());
        Matcher line = LOG_LINE.matcher(message);
        if (line.find()) {
            return "line " + line.group(1) + " of its log of recent changes cannot be read";
        }
        if (message.contains("files not complete")) {
            return "some of its files are missing";
        }
        if (message.contains("authorization") || message.contains("properties")) {
            return "its settings file cannot be read";
        }
        return "its files cannot be read";
    }

    /**
     * Whether the read-write open could write before we can look: anything but a database shut
     * down cleanly (its {@code .properties} say {@code modified=no}, no {@code .log} with anything
     * in it) or a new one (no files at all). A clean shutdown always leaves a {@code .data} file
     * (all our tables are cached); one without is refused here, or HSQLDB would open it with empty
     * tables.
     */
    static boolean needsRecovery(Path path) {
        Path script = sibling(path, ".script");
        Path properties = sibling(path, ".properties");
        Path logFile = sibling(path, ".log");
        try {
            if (!Files.exists(script) && !Files.exists(properties) && !Files.exists(logFile)) {
                return false;
            }
            boolean clean = Files.exists(properties) && Files.readString(properties, StandardCharsets.ISO_8859_1)
                    .lines().anyMatch(l -> l.strip().equals("modified=no"));
            boolean logged = Files.exists(logFile) && Files.size(logFile) > 0;
            if (clean && !logged && !Files.exists(sibling(path, ".data")) && hasCachedTables(script)) {
                throw refusal(path, Findings.of(List.of("its data file " + path.getFileName() + ".data is missing")), null);
            }
            return !clean || logged;
        } catch (IOException e) {
            log.debug("Cannot look at the files of {}; probing it", path, e);
            return true;
        }
    }

    /** Whether the {@code .script} declares tables whose rows live in a {@code .data} file (all of ours do). */
    private static boolean hasCachedTables(Path script) throws IOException {
        if (!Files.exists(script)) {
            return false;
        }
        try (java.util.stream.Stream<String> lines = Files.lines(script, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(l -> l.startsWith("CREATE CACHED TABLE "));
        } catch (java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** The length of the {@code .data} file, -1 when there is none. */
    static long dataLength(Path path) {
        try {
            return Files.size(sibling(path, ".data"));
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * After a failed read-write open: HSQLDB extends a {@code .data} file shorter than its header
     * says before it finds the rows missing; cut it back, so a refused open leaves it as it was.
     */
    static void undoGrowth(Path path, long length) {
        if (length < 0) {
            return;
        }
        try (FileChannel data = FileChannel.open(sibling(path, ".data"), StandardOpenOption.WRITE)) {
            if (data.size() > length) {
                data.truncate(length);
                data.force(true);
            }
        } catch (IOException e) {
            log.warn("Cannot cut {}.data back to {} bytes", path, length, e);
        }
    }

    /** The full replay failed on the last line of the log, which has no line end: a write cut by a crash. */
    private static boolean cutInsideLastLine(Path path, SQLException e) {
        Matcher line = LOG_LINE.matcher(String.valueOf(e.getMessage()));
        if (!line.find()) {
            return false;
        }
        try {
            byte[] bytes = Files.readAllBytes(sibling(path, ".log"));
            if (bytes.length == 0 || bytes[bytes.length - 1] == '\n') {
                return false;
            }
            long ends = 0;
            for (byte b : bytes) {
                if (b == '\n') {
                    ends++;
                }
            }
            return Long.parseLong(line.group(1)) == ends + 1;
        } catch (IOException | NumberFormatException failure) {
            return false;
        }
    }



    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static <T> T readOnly(String url, Work<T> work) throws SQLException {
        return open(url + ";readonly=true;hsqldb.full_log_replay=true", work);
    }

    private static <T> T readOnlyWithoutFullReplay(String url, Work<T> work) throws SQLException {
        return open(url + ";readonly=true", work);
    }

    /** Runs the work and always shuts the in-process database down again, so the next open reads the files afresh. */
    private static <T> T open(String url, Work<T> work) throws SQLException {
        try (Connection connection = HsqldbEngine.connection(url)) {
            try {
                return work.run(connection);
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN IMMEDIATELY");
                }
            }
        }
    }

    /** Has the read tables (our schema version 2 or later, by either of their names): the check applies. */
    private static boolean ours(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME IN ('flyway_schema_history', '"
                     + ConsistencyCheck.ReadTables.CURRENT.batches() + "', '"
                     + ConsistencyCheck.ReadTables.BEFORE_V4.batches() + "')")) {
            result.next();
            return result.getLong(1) == 2;
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }

    static Path sibling(Path path, String extension) {
        return path.resolveSibling(path.getFileName() + extension);
    }
}

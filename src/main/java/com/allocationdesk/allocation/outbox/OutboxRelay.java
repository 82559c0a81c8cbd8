package com.allocationdesk.allocation.outbox;

import com.allocationdesk.allocation.queries.EventLogQuery;
import com.allocationdesk.allocation.queries.LogEntryJson;
import com.allocationdesk.allocation.queries.LogEntryRow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes the ledger through a transactional outbox (docs/EVENTS.md "Published: the outbox
 * folder"): reads the entries after the last seq it delivered ({@link EventLogQuery#after}) and
 * writes them as JSON Lines files into a folder, one entry per line in the documented shape
 * ({@link LogEntryJson}), at most {@code perFile} entries per file, named after their first and
 * last seq so the names sort in sequence order.
 * <p>
 * Each file is written under a temporary name in the same folder, flushed and fsynced, renamed
 * atomically to its final name (a reader never sees half a file), the folder fsynced, and only then
 * the progress stored. A crash between the rename and the progress re-publishes that file: the next
 * run finds the file that starts right after the stored progress and writes exactly its range again
 * (same name, same lines, same ids). Delivery is at least once and never with a gap.
 */
public final class OutboxRelay {
    /** The progress's name in {@code outbox_progress}: the desk has one outbox. */
    public static final String NAME = "outbox";
    public static final int DEFAULT_ENTRIES_PER_FILE = 1000;
    public static final int MAX_ENTRIES_PER_FILE = 100_000;
    private static final Pattern PUBLISHED = Pattern.compile("events-(\\d{20})-(\\d{20})\\.jsonl");
    private static final String PART = ".jsonl.part";
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** What one {@link #publishPending} did. */
    public record Published(int entries, int files, long lastSeq) {
    }

    private final EventLogQuery eventLog;
    private final OutboxProgress progress;
    /** The progress this relay itself last stored: when the database says the same, no file can be beyond it. */
    private long confirmed = -1;

    public OutboxRelay(EventLogQuery eventLog, OutboxProgress progress) {
        this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** The final name of the file with the entries {@code first} to {@code last}. */
    public static String fileName(long first, long last) {
        return String.format(Locale.ROOT, "events-%020d-%020d.jsonl", first, last);
    }

    /**
     * Publishes every entry after the stored progress into {@code folder} (created when missing),
     * file by file, storing the progress after each.
     *
     * @throws OutboxUnavailable when the folder cannot be created or written; the file in hand was
     *                           removed and the progress is that of the last complete file
     */
    public Published publishPending(Path folder, int perFile) {
        return publishPending(folder, perFile, () -> false);
    }

    /**
     * The same, stopping between two files once {@code stop} says so (a file in hand is always
     * finished: renamed and its progress stored).
     */
    public Published publishPending(Path folder, int perFile, BooleanSupplier stop) {
        if (perFile < 1 || perFile > MAX_ENTRIES_PER_FILE) {
            throw new IllegalArgumentException("perFile must be 1 to " + MAX_ENTRIES_PER_FILE + ", was " + perFile);
        }
        long last = progress.lastSeq(NAME);
        prepare(folder, last);
        long rewrite = last == confirmed ? -1 : alreadyRenamed(folder, last);
        int entries = 0;
        int files = 0;
        while (!stop.getAsBoolean()) {
            int limit = rewrite > last ? (int) Math.min(rewrite - last, Integer.MAX_VALUE) : perFile;
            List<LogEntryRow> rows = eventLog.after(last, limit);
            if (rows.isEmpty()) {
                break;
            }
            long first = rows.get(0).seq();
            long end = rows.get(rows.size() - 1).seq();
            if (rewrite > last) {
                log.warn("Re-publishing {}: it was renamed into place but its progress was not stored", fileName(first, end));
                rewrite = -1;
            }
            write(folder, rows, first, end, last);
            progress.store(NAME, end);
            confirmed = end;
            last = end;
            entries += rows.size();
            files++;
            log.info("Published {} ({} entries)", fileName(first, end), rows.size());
        }
        confirmed = last;
        return new Published(entries, files, last);
    }

    /** Creates the folder and removes temporary files a crash left behind. */
    private static void prepare(Path folder, long last) {
        try {
            Files.createDirectories(folder);
            try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, ".events-*" + PART)) {
                for (Path part : parts) {
                    log.info("Removing {}, a temporary file an interrupted publish left", part);
                    Files.deleteIfExists(part);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw unavailable(folder, e, last);
        }
    }

    /**
     * The last seq of a published file that starts right after {@code last} (renamed, but the
     * progress was not stored: a crash), or -1.
     */
    private static long alreadyRenamed(Path folder, long last) {
        String prefix = String.format(Locale.ROOT, "events-%020d-", last + 1);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, prefix + "*.jsonl")) {
            long end = -1;
            for (Path file : files) {
                Matcher m = PUBLISHED.matcher(file.getFileName().toString());
                if (m.matches()) {
                    end = Math.max(end, Long.parseLong(m.group(2)));
                }
            }
            return end;
        } catch (IOException | UncheckedIOException e) {
            throw unavailable(folder, e, last);
        }
    }

    private static void write(Path folder, List<LogEntryRow> rows, long first, long end, long last) {
        String name = fileName(first, end);
        Path part = folder.resolve("." + name.substring(0, name.length() - ".jsonl".length()) + PART);
        Path target = folder.resolve(name);
        try {
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16)) {
                for (LogEntryRow row : rows) {
                    out.write(LogEntryJson.line(row));
                    out.write('\n');
                }
                out.flush();
                channel.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            syncFolder(folder);
        } catch (IOException | UncheckedIOException e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException gone) {
                e.addSuppressed(gone);
            }
            throw unavailable(folder, e, last);
        }
    }

    /** Makes the rename itself durable (POSIX: fsync the directory); Windows cannot open a folder so. */
    private static void syncFolder(Path folder) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static OutboxUnavailable unavailable(Path folder, Exception e, long last) {
        return new OutboxUnavailable(folder, reason(e), last, e);
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (cause instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}

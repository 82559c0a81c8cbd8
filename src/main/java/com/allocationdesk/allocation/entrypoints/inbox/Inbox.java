package com.allocationdesk.allocation.entrypoints.inbox;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.entrypoints.imports.BatchImport;
import com.allocationdesk.allocation.entrypoints.imports.ChunkDelivery;
import com.allocationdesk.allocation.entrypoints.imports.ImportProblem;
import com.allocationdesk.allocation.entrypoints.imports.ImportProgress;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;
import com.allocationdesk.allocation.entrypoints.imports.OrderImport;
import com.allocationdesk.allocation.entrypoints.imports.PartlyImported;
import com.allocationdesk.allocation.entrypoints.imports.Scratch;
import com.allocationdesk.allocation.entrypoints.imports.Spool;
import com.allocationdesk.allocation.entrypoints.imports.UnusableInput;
import com.allocationdesk.allocation.queries.BatchesQuery;
import com.allocationdesk.allocation.queries.InboxReceiptsQuery;
import com.allocationdesk.allocation.queries.SkuTotals;
import com.allocationdesk.allocation.queries.StockTotalsQuery;
import com.allocationdesk.allocation.servicelayer.ChunkCommandRefused;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The inbox (docs/EVENTS.md "Consumed: the inbox folder"): a folder other systems drop files into.
 * Each pass takes every complete file, in name order, exactly once, through the same bus and the
 * same checks as the command line: the two CSV formats of the imports (batches, order lines) and
 * JSON Lines of commands ({@link CommandLines}).
 * <ul>
 *   <li>A file is complete when it has not changed for the settle time and its name is not a
 *       temporary one (hidden, {@code .part}, {@code .tmp}, …); its bytes are the same when it is
 *       read again, else it is left for the next pass.</li>
 *   <li>A file is known by the SHA-256 of its bytes. Its chunks are carried out as
 *       {@code TakeInboxChunk}s: each chunk's receipt commits with its changes, so a file dropped
 *       again, or taken again after a crash, does nothing twice.</li>
 *   <li>The whole file is checked first; a file with a bad line goes to {@code failed/}, next to a
 *       {@code NAME.errors.txt} listing each bad line with its number and the command line's
 *       message, and nothing of it is applied. A good file goes to {@code processed/}.</li>
 *   <li>A database or folder that cannot be used leaves the file where it is for the next pass.</li>
 * </ul>
 */
@Dependent
public class Inbox {
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(2);
    /** Lines (CSV rows or commands) per chunk: one transaction each. */
    public static final int DEFAULT_CHUNK = 500;
    public static final String PROCESSED = "processed";
    public static final String FAILED = "failed";
    public static final String ERRORS_SUFFIX = ".errors.txt";
    /** Bad lines listed in an errors file at most (all are counted). */
    static final int LISTED = 1_000;
    /** The longest file name of ext4, XFS, Btrfs, tmpfs and APFS, in bytes. */
    static final int MAX_NAME_BYTES = 255;
    /** What an errors file adds to its file's name at most: {@code .NAME.errors.txt.part}. */
    private static final int ERRORS_PART_BYTES = 1 + ERRORS_SUFFIX.length() + ".part".length();
    /** A longer "extension" is part of the name (a dot inside it), not kept whole when the name is cut. */
    private static final int MAX_EXTENSION = 16;
    /** What a message shows of a file's content at most, in characters. */
    private static final int SHOWN = 200;
    static final Set<String> TEMPORARY_SUFFIXES = Set.of(".part", ".partial", ".tmp", ".temp", ".crdownload",
            ".swp", ".filepart", "~");
    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    /** How one file ended. */
    public enum Outcome {
        /** Carried out and moved to {@code processed/}. */
        TAKEN,
        /** Its bytes had been taken before: nothing done again, moved to {@code processed/}. */
        ALREADY_TAKEN,
        /** Bad: moved to {@code failed/} with its errors file; nothing of it applied (see the message when some chunks were). */
        FAILED,
        /** Left in the folder for the next pass (still being written, database or folder unavailable, stopped). */
        LEFT
    }

    /** What a pass did with one file. */
    public record FileResult(String name, Outcome outcome, String message) {
    }

    /**
     * What one pass did.
     *
     * @param files    the files it looked at, in order
     * @param notYet   files not complete yet (still being written), left for a later pass
     * @param problem  why the pass stopped early (database or folder unavailable), if it did
     */
    public record Pass(List<FileResult> files, List<String> notYet, Optional<String> problem) {
        public long count(Outcome outcome) {
            return files.stream().filter(f -> f.outcome() == outcome).count();
        }
    }

    private final MessageBus bus;
    private final OrderImport orders;
    private final BatchImport batches;
    private final InboxReceiptsQuery receipts;
    private final StockTotalsQuery totals;
    private final BatchesQuery batchRows;
    private final Scratch scratch;
    private final Clock clock;

    @Inject
    public Inbox(MessageBus bus, OrderImport orders, BatchImport batches, InboxReceiptsQuery receipts,
                 StockTotalsQuery totals, BatchesQuery batchRows, AppConfig config, Clock clock) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.batches = Objects.requireNonNull(batches, "batches");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.totals = Objects.requireNonNull(totals, "totals");
        this.batchRows = Objects.requireNonNull(batchRows, "batchRows");
        this.scratch = Scratch.nextTo(config.databasePath());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes every complete file in {@code folder}, in name order, until {@code stop} says so
     * (between files, and between chunks of a file: the chunks taken stay, the rest is taken by
     * the next pass).
     *
     * @throws InboxUnavailable when the folder cannot be listed (gone, not a folder, unreadable)
     */
    public Pass takePending(Path folder, Duration settle, int chunk, BooleanSupplier stop) {
        List<Path> candidates = list(folder);
        List<FileResult> results = new ArrayList<>();
        List<String> notYet = new ArrayList<>();
        for (Path file : candidates) {
            if (stop.getAsBoolean()) {
                break;
            }
            String name = file.getFileName().toString();
            Optional<BasicFileAttributes> before = attributes(file);
            if (before.isEmpty()) {
                continue; // gone meanwhile: taken by someone else, or moved away by its sender
            }
            if (!settled(before.get(), settle)) {
                notYet.add(name);
                continue;
            }
            try {
                results.add(take(folder, file, name, before.get(), chunk, stop));
            } catch (ChunkDelivery.FileChanged stillBeingWritten) {
                notYet.add(name); // its bytes changed after it was looked at: the next pass looks again
            } catch (RuntimeException unavailable) {
                if (isDatabaseUnavailable(unavailable) || unavailable instanceof InboxUnavailable) {
                    String message = plannersMessage(unavailable);
                    log.warn("Inbox pass stopped at {}: {}", name, message, unavailable);
                    results.add(new FileResult(name, Outcome.LEFT, message));
                    return new Pass(results, notYet, Optional.of(message));
                }
                throw unavailable;
            }
        }
        return new Pass(results, notYet, Optional.empty());
    }

    private FileResult take(Path folder, Path file, String name, BasicFileAttributes before, int chunk,
                            BooleanSupplier stop) {
        Kind kind = Kind.of(name);
        if (kind == null) {
            return fail(folder, file, name, "not a file the inbox takes: name it .csv (batches or order lines) or "
                    + ".jsonl (commands)", List.of(), 0);
        }
        String sha256 = sha256(file);
        if (changed(file, before)) {
            throw new ChunkDelivery.FileChanged(name + " changed while it was read");
        }
        InboxReceiptsQuery.FileReceipts taken = receipts.of(sha256);
        if (taken.complete()) {
            String message = "already taken at " + taken.firstTaken() + " (the same bytes); nothing was done again";
            log.info("Inbox: {} {}", name, message);
            moveTo(folder, PROCESSED, file, name, null);
            return new FileResult(name, Outcome.ALREADY_TAKEN, message);
        }
        if (!taken.none()) {
            log.info("Inbox: {} was partly taken before ({} chunks); taking the rest", name, taken.chunks());
        }
        InboxDelivery delivery = new InboxDelivery(bus, name, sha256);
        try {
            return switch (kind) {
                case CSV -> takeCsv(folder, file, name, chunk, stop, delivery);
                case JSONL -> takeCommands(folder, file, name, chunk, stop, delivery);
            };
        } catch (LineRefused e) {
            return failed(folder, file, name, e.getMessage(), e.applied == 0
                            ? name + " was not taken: nothing of it was applied"
                            : name + " was taken in part: " + e.whatWasApplied(),
                    List.of(new ImportProblem(e.line, e.refusal)), 1);
        } catch (ChunkCommandRefused | UnusableInput e) {
            return fail(folder, file, name, e.getMessage(), List.of(), 0);
        } catch (PartlyImported e) {
            if (e.databaseUnavailable()) {
                throw e;
            }
            return failed(folder, file, name, e.getMessage(), name + " was taken in part: " + e.getMessage(), List.of(), 0);
        }
    }

    private FileResult takeCsv(Path folder, Path file, String name, int chunk, BooleanSupplier stop,
                               InboxDelivery delivery) {
        List<String> header = header(file);
        ImportReport report;
        if (header == null) {
            return fail(folder, file, name, file + " is not a UTF-8 CSV file; save it as CSV UTF-8", List.of(), 0);
        } else if (header.equals(OrderImport.HEADER)) {
            report = orders.run(file, chunk, ImportProgress.NONE, stop, delivery);
        } else if (header.equals(BatchImport.HEADER)) {
            report = batches.run(file, chunk, ImportProgress.NONE, stop, delivery);
        } else {
            return fail(folder, file, name, "a CSV file's first line must be " + String.join(",", OrderImport.HEADER)
                    + " (order lines) or " + String.join(",", BatchImport.HEADER) + " (batches), was "
                    + (header.isEmpty() ? "empty" : shown(String.join(",", header))), List.of(), 0);
        }
        return switch (report.status()) {
            case DONE -> taken(folder, file, name, report.summary());
            case REJECTED -> fail(folder, file, name, report.summary(), report.problems(), report.problems().size());
            case CANCELLED -> new FileResult(name, Outcome.LEFT, "stopped after " + report.imported()
                    + " rows; the next pass takes the rest");
        };
    }

    private FileResult takeCommands(Path folder, Path file, String name, int chunk, BooleanSupplier stop,
                                    InboxDelivery delivery) {
        try (Spool spool = Spool.of(file, scratch, stop)) {
            if (spool == null) {
                return new FileResult(name, Outcome.LEFT, "stopped before it was read");
            }
            if (!spool.sha256().equals(delivery.sha256())) {
                throw new ChunkDelivery.FileChanged(name + " changed after it was looked at");
            }
            Set<String> skus = totals.perSku().stream().map(SkuTotals::sku).collect(Collectors.toSet());
            CommandLines.Problems problems = new CommandLines.Problems(LISTED);
            long[] commands = {0};
            CommandLines.read(spool.copy(), line -> {
                String problem = line.bad() ? line.problem()
                        : CommandLines.checkStored(line.command(), skus::contains, ref -> batchRows.byReference(ref).isPresent());
                if (problem != null) {
                    problems.add(line.number(), problem);
                } else {
                    commands[0]++;
                }
                return true;
            });
            if (problems.count() > 0) {
                String summary = problems.count() + " bad line" + (problems.count() == 1 ? "" : "s") + " in " + name
                        + (problems.count() > LISTED ? " (the first " + LISTED + " are listed)" : "")
                        + "; nothing of it was applied";
                return fail(folder, file, name, summary, problems.listed(), problems.count());
            }
            if (commands[0] == 0) {
                return fail(folder, file, name, name + " holds no command (it is empty)", List.of(), 0);
            }
            return sendCommands(folder, file, name, spool.copy(), commands[0], chunk, stop, delivery);
        }
    }

    private FileResult sendCommands(Path folder, Path file, String name, Path copy, long total, int chunk,
                                    BooleanSupplier stop, InboxDelivery delivery) {
        List<Command<?>> pending = new ArrayList<>(chunk);
        List<Long> lines = new ArrayList<>(chunk);
        long[] sent = {0};
        long[] before = {0};
        int[] number = {0};
        boolean[] stopped = {false};
        CommandLines.read(copy, line -> {
            pending.add(line.command());
            lines.add(line.number());
            if (pending.size() >= chunk) {
                send(delivery, pending, lines, number[0]++, sent[0] + pending.size() == total, sent, before);
                stopped[0] = sent[0] < total && stop.getAsBoolean();
            }
            return !stopped[0];
        });
        if (stopped[0]) {
            return new FileResult(name, Outcome.LEFT, "stopped after " + sent[0] + " of " + total
                    + " commands; the next pass takes the rest");
        }
        if (!pending.isEmpty()) {
            send(delivery, pending, lines, number[0], true, sent, before);
        }
        String summary = "Took " + total + " commands from " + name
                + (before[0] > 0 ? " (" + before[0] + " had been taken before and were left as they were)" : "");
        return taken(folder, file, name, summary);
    }

    private static void send(InboxDelivery delivery, List<Command<?>> pending, List<Long> lines, int number,
                             boolean last, long[] sent, long[] before) {
        try {
            if (delivery.deliverAll(List.copyOf(pending), number, last).isEmpty()) {
                before[0] += pending.size();
            }
        } catch (ChunkCommandRefused e) {
            throw new LineRefused(lines.get(e.index()), e.refusal().getMessage(), sent[0], lines.get(0), e);
        }
        sent[0] += pending.size();
        pending.clear();
        lines.clear();
    }

    private FileResult taken(Path folder, Path file, String name, String summary) {
        log.info("Inbox: {}", summary);
        moveTo(folder, PROCESSED, file, name, null);
        return new FileResult(name, Outcome.TAKEN, summary);
    }

    /** Moves the file to {@code failed/} with its errors file: nothing of it was applied. */
    private FileResult fail(Path folder, Path file, String name, String summary, List<ImportProblem> problems, long bad) {
        return failed(folder, file, name, summary, name + " was not taken: " + summary, problems, bad);
    }

    /**
     * Moves the file to {@code failed/} with its errors file: {@code heading}, then a line per bad line.
     *
     * @param summary what the pass tells of the file
     */
    private FileResult failed(Path folder, Path file, String name, String summary, String heading,
                              List<ImportProblem> problems, long bad) {
        StringBuilder errors = new StringBuilder();
        errors.append(heading).append('\n');
        for (ImportProblem problem : problems) {
            errors.append("line ").append(problem.line()).append(": ").append(problem.message()).append('\n');
        }
        if (bad > problems.size() && !problems.isEmpty()) {
            errors.append("… and ").append(bad - problems.size()).append(" more bad lines\n");
        }
        log.warn("Inbox: {}", heading);
        moveTo(folder, FAILED, file, name, errors.toString());
        return new FileResult(name, Outcome.FAILED, summary);
    }

    /**
     * Moves the file into the subfolder under a name not yet used there (and writes its errors file
     * beside it first, so a reader of {@code failed/} finds both).
     */
    private void moveTo(Path folder, String subfolder, Path file, String name, String errors) {
        Path target = folder.resolve(subfolder);
        try {
            Files.createDirectories(target);
            Path moved = freeName(target, name, errors == null ? 0 : ERRORS_PART_BYTES);
            if (errors != null) {
                Path errorsFile = target.resolve(moved.getFileName() + ERRORS_SUFFIX);
                Path part = target.resolve("." + moved.getFileName() + ERRORS_SUFFIX + ".part");
                try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                    out.write(errors);
                }
                Files.move(part, errorsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(file, moved, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InboxUnavailable("Cannot move " + name + " into " + target + " (" + reason(e)
                    + "); it stays in the inbox and is not taken twice", e);
        }
    }

    /**
     * {@code name}, or {@code stem-2.ext}, {@code stem-3.ext}, … when the subfolder already holds it;
     * its stem cut so that the name, with {@code reserve} bytes more (the errors file's suffixes),
     * is not longer than the longest name the usual file systems take ({@value #MAX_NAME_BYTES} bytes
     * of UTF-8): a name the folder refuses would leave the file in the inbox, and stop every pass at it.
     */
    static Path freeName(Path target, String name, int reserve) {
        int dot = name.lastIndexOf('.');
        boolean hasExtension = dot > 0 && name.length() - dot <= MAX_EXTENSION;
        String stem = hasExtension ? name.substring(0, dot) : name;
        String extension = hasExtension ? name.substring(dot) : "";
        for (int n = 1; ; n++) {
            String tail = (n == 1 ? "" : "-" + n) + extension;
            String candidate = cut(stem, MAX_NAME_BYTES - reserve - utf8Bytes(tail)) + tail;
            if (!Files.exists(target.resolve(candidate)) && !Files.exists(target.resolve(candidate + ERRORS_SUFFIX))) {
                return target.resolve(candidate);
            }
        }
    }

    /** The longest start of {@code text} of at most {@code bytes} bytes of UTF-8, whole code points only. */
    private static String cut(String text, int bytes) {
        int end = 0;
        int used = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Bytes(new String(Character.toChars(codePoint)));
            if (used + size > bytes) {
                break;
            }
            used += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private static int utf8Bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The files of the folder that may be taken, in name order: not hidden, not temporary, not folders. */
    private static List<Path> list(Path folder) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!isTemporary(name) && Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw new InboxUnavailable("Cannot read the inbox folder " + folder + " (" + reason(cause)
                    + "); nothing was taken", e);
        }
        files.sort(null);
        return files;
    }

    /** A name that is still being written, or not meant for us: hidden, or a temporary suffix. */
    static boolean isTemporary(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return name.startsWith(".") || TEMPORARY_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    private boolean settled(BasicFileAttributes attributes, Duration settle) {
        return !attributes.lastModifiedTime().toInstant().plus(settle).isAfter(clock.instant());
    }

    private static Optional<BasicFileAttributes> attributes(Path file) {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean changed(Path file, BasicFileAttributes before) {
        Optional<BasicFileAttributes> now = attributes(file);
        return now.isEmpty() || now.get().size() != before.size()
                || !now.get().lastModifiedTime().equals(before.lastModifiedTime());
    }

    /** At most {@value #SHOWN} characters of what a file holds, for a message. */
    private static String shown(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }

    /**
     * The CSV header's names, stripped (a UTF-8 byte order mark too); empty for an empty first line;
     * null when the first line is not UTF-8 text (a UTF-16 file, a binary one: bytes UTF-8 cannot
     * read, or a NUL).
     */
    private static List<String> header(Path file) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new BoundedLine(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String first = reader.readLine();
            if (first == null) {
                return List.of();
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            if (first.indexOf('\uFFFD') >= 0 || first.indexOf('\0') >= 0) {
                return null;
            }
            return first.isBlank() ? List.of() : List.of(first.split(",", -1)).stream().map(String::strip).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new InboxUnavailable("Cannot read " + file.getFileName() + " (" + reason(e) + "); it stays in the inbox", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseUnavailable
                    || (cause instanceof PartlyImported partly && partly.databaseUnavailable())) {
                return true;
            }
        }
        return false;
    }

    private static String plannersMessage(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseUnavailable) {
                return cause.getMessage();
            }
        }
        return failure.getMessage();
    }

    static String reason(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A command of a JSON Lines file refused when its chunk ran, told with its line and what was applied. */
    private static final class LineRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long line;
        private final String refusal;
        /** Commands of the file committed before the refused chunk. */
        private final long applied;
        /** The refused chunk's first line. */
        private final long chunkStart;

        LineRefused(long line, String refusal, long applied, long chunkStart, Throwable cause) {
            super("line " + line + ": " + refusal + "; " + (applied == 0 ? "nothing of the file was applied"
                    : whatWasApplied(applied, chunkStart)), cause);
            this.line = line;
            this.refusal = refusal;
            this.applied = applied;
            this.chunkStart = chunkStart;
        }

        String whatWasApplied() {
            return whatWasApplied(applied, chunkStart);
        }

        private static String whatWasApplied(long applied, long chunkStart) {
            return "the " + applied + " commands before line " + chunkStart + " were applied, nothing from line "
                    + chunkStart + " on";
        }
    }

    /** The two kinds of file the inbox takes, by the name's extension. */
    private enum Kind {
        CSV, JSONL;

        static Kind of(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".csv")) {
                return CSV;
            }
            if (lower.endsWith(".jsonl")) {
                return JSONL;
            }
            return null;
        }
    }

    /** Reads at most the first 64 KB: a header longer than that is not one of ours anyway. */
    private static final class BoundedLine extends FilterInputStream {
        private long left = CommandLines.MAX_LINE_BYTES;

        BoundedLine(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            left--;
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}

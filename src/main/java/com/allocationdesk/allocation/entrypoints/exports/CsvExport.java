package com.allocationdesk.allocation.entrypoints.exports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes rows to a CSV file (UTF-8, RFC 4180 quoting by commons-csv, a header line, {@code \n}
 * between records) the one way the command line's {@code export-allocations} and the window's File ▸
 * Export do: streamed row by row from the query (memory does not grow with the rows), into a
 * temporary {@code NAME…part} file next to the target, forced to disk, and moved onto the target
 * only when complete, so a half export never looks complete and a file that was there stays as it
 * was until then (and for good when the export fails or is cancelled).
 * <p>
 * The target must be a regular file or a name for a new one; a symbolic link is followed and the
 * file it leads to is written (the link stays). A folder, a device, a named pipe or a socket is
 * refused, and left as it was: the move would replace it.
 */
public final class CsvExport {
    private static final Logger log = LoggerFactory.getLogger(CsvExport.class);
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
    /** Symbolic links followed at most, as the kernel does (ELOOP). */
    private static final int MAX_LINKS = 40;
    /** Progress is reported every this many rows (and at the end). */
    public static final int REPORT_EVERY = 1_000;

    /** The rows to write: hands each to the consumer, in order (a query's streaming {@code forEach}). */
    @FunctionalInterface
    public interface Rows<R> {
        void forEach(Consumer<R> row);
    }

    /** Told how far the export is; asked whether to stop. Called on the exporting thread. */
    public interface Listener {
        /** {@code rows} rows are written (every {@value #REPORT_EVERY} rows, and at the end). */
        void written(long rows);

        /** True: stop at the next row, write nothing, leave the target as it was. */
        boolean cancelled();
    }

    /** A listener that is never told anything and never cancels (the command line). */
    public static final Listener QUIET = new Listener() {
        @Override
        public void written(long rows) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** How an export ended: {@code rows} rows written to {@code file}, or cancelled after that many (nothing written). */
    public record Outcome(Path file, long rows, boolean cancelled) {
    }

    /** Thrown from inside the row loop to leave the query's result set when the export is cancelled. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null, false, false);
        }
    }

    private CsvExport() {
    }

    /**
     * Writes {@code rows} to {@code file} under the header of {@code columns}.
     *
     * @throws ExportFailed when the file cannot be written (nothing was; an older file is left as it was)
     */
    public static <R> Outcome write(Path file, ExportColumns<R> columns, Rows<R> rows, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Path target = regularFile(file);
        Path folder = target.getParent();
        Path temporary;
        try {
            temporary = Files.createTempFile(folder, target.getFileName().toString(), ".part");
        } catch (IOException e) {
            throw failed(file, e instanceof NoSuchFileException ? "the folder " + folder + " does not exist"
                    : "the folder " + folder + " cannot be written (" + why(e) + ")", e);
        }
        long[] written = {0};
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(writer, FORMAT)) {
                csv.printRecord(columns.headers());
                rows.forEach(row -> {
                    if (listener.cancelled()) {
                        throw new Cancelled();
                    }
                    try {
                        csv.printRecord(columns.values(row));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (++written[0] % REPORT_EVERY == 0) {
                        listener.written(written[0]);
                    }
                });
            }
            if (listener.cancelled()) {
                return new Outcome(file, written[0], true);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            listener.written(written[0]);
            return new Outcome(file, written[0], false);
        } catch (Cancelled e) {
            return new Outcome(file, written[0], true);
        } catch (IOException e) {
            throw failed(file, why(e), e);
        } catch (UncheckedIOException e) {
            throw failed(file, why(e.getCause()), e.getCause());
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                log.warn("Could not delete the unfinished export {}", temporary, e);
            }
        }
    }

    /**
     * The regular file to replace: {@code given} itself, or where its symbolic links lead. Refuses
     * what is not a regular file and a file whose folder does not exist.
     */
    private static Path regularFile(Path given) {
        Path target = given.toAbsolutePath();
        try {
            for (int links = 0; Files.isSymbolicLink(target); links++) {
                if (links == MAX_LINKS) {
                    throw failed(given, "its symbolic links go round in a circle", null);
                }
                target = target.resolveSibling(Files.readSymbolicLink(target));
            }
        } catch (IOException e) {
            throw failed(given, why(e), e);
        }
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw failed(given, "the folder " + (folder == null ? target : folder) + " does not exist", null);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            String what = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? "a folder" : "a device, a named pipe or a socket";
            throw new ExportFailed(given, given + (target.equals(given.toAbsolutePath()) ? "" : " (a link to " + target + ")"),
                    "it is " + what + ", not a file; give the name of a CSV file", null);
        }
        return target;
    }

    private static ExportFailed failed(Path file, String why, Throwable cause) {
        if (cause != null) {
            log.warn("Cannot write {}", file, cause);
        }
        return new ExportFailed(file, why, cause);
    }

    /** The operating system's reason in a few words: "permission denied", "the disk is full", "read-only file system". */
    static String why(IOException e) {
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "the folder does not exist";
        }
        if (reason == null || reason.isBlank()) {
            return "the disk could not be written";
        }
        if (reason.toLowerCase(Locale.ROOT).contains("no space left")) {
            return "the disk is full";
        }
        return reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    }
}

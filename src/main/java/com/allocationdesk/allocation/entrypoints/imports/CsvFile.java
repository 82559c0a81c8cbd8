package com.allocationdesk.allocation.entrypoints.imports;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams a CSV file with a fixed header, row by row, so files of any size fit in memory. Imports
 * read their private copy of the planner's file ({@link Spool}) and name the planner's file in
 * every message. Every way
 * a file can be unreadable (not UTF-8, cut off inside a quoted field, missing) becomes an
 * {@link UnusableInput} with a message for the planner, never a library's exception text.
 * <p>
 * Cells are not trimmed here: commons-csv's {@code trim} strips every character up to U+0020, so a
 * control character at the end of an id ({@code b<BEL>}) would vanish silently. The readers of the
 * cells strip real whitespace themselves ({@code Validation.id}, {@code PlannerInput}), and the id check
 * then rejects the control character, as it does on the command line.
 */
final class CsvFile {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(false).get();
    private static final String NOT_UTF8 = " is not a UTF-8 CSV file; save it as CSV UTF-8";

    private CsvFile() {
    }

    @FunctionalInterface
    interface RowVisitor {
        /**
         * @param line the row's line number in the file (the header is line 1)
         * @param row  the row, or null if it does not have as many columns as the header
         * @return false to stop reading
         */
        boolean visit(long line, CSVRecord row);
    }

    /**
     * Reads rows until the visitor says stop; a wrong header or an unreadable file is
     * {@link UnusableInput}. Returns the number of rows visited.
     */
    static long read(Path file, List<String> header, RowVisitor visitor) {
        return read(file, file, header, visitor);
    }

    /** The same, reading {@code source} (a copy) and naming {@code file} (the original) in messages. */
    static long read(Path source, Path file, List<String> header, RowVisitor visitor) {
        long previousLine = 1;
        try (Reader reader = open(source); CSVParser parser = parser(file, reader, header)) {
            List<String> found = parser.getHeaderNames().stream().map(String::strip).toList();
            if (!found.equals(header)) {
                throw new UnusableInput(file + ": the first line must be the header " + String.join(",", header)
                        + ", was " + (found.isEmpty() ? "empty" : String.join(",", found)));
            }
            long rows = 0;
            for (CSVRecord row : parser) {
                rows++;
                long line = Math.max(previousLine + 1, parser.getCurrentLineNumber());
                previousLine = line;
                if (!visitor.visit(line, row.size() == header.size() ? row : null)) {
                    break;
                }
            }
            return rows;
        } catch (IOException e) {
            throw unreadable(file, previousLine + 1, e);
        } catch (UncheckedIOException e) {
            throw unreadable(file, previousLine + 1, e.getCause());
        }
    }

    /** The header could not even be parsed (a quote left open, a name missing): a header problem. */
    private static CSVParser parser(Path file, Reader reader, List<String> header) throws IOException {
        try {
            return CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UnusableInput(file + ": the first line must be the header " + String.join(",", header), e);
        } catch (CSVException e) {
            throw unreadable(file, 1, e);
        }
    }

    /** The file could not be opened or read (missing, a folder, permission, an I/O error). */
    static UnusableInput unreadable(Path file, IOException e) {
        return unreadable(file, 0, e);
    }

    /** @param line the line on which the row being read started */
    private static UnusableInput unreadable(Path file, long line, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new UnusableInput("File not found: " + file, e);
        }
        if (e instanceof AccessDeniedException) {
            return new UnusableInput("Cannot read " + file + ": permission denied", e);
        }
        if (e instanceof CharacterCodingException || e instanceof NotText) {
            return new UnusableInput(file + NOT_UTF8, e);
        }
        if (e instanceof CSVException) {
            String what = e.getMessage() != null && e.getMessage().contains("EOF reached before encapsulated token")
                    ? "the file ends inside a quoted field (a \" is not closed)"
                    : "a quoted field is not closed before the next comma (\"...\" must be the whole field)";
            return new UnusableInput(file + ": line " + line + ": " + what, e);
        }
        if (Files.isDirectory(file)) {
            return new UnusableInput("Cannot read " + file + ": it is a folder", e);
        }
        // an operating-system error ("Input/output error"): its message, never the exception's class
        String reason = e.getMessage() == null || e.getMessage().isBlank() ? "a read error" : oneLine(e.getMessage());
        return new UnusableInput("Cannot read " + file + ": " + reason, e);
    }

    /** An operating system's message on one line. */
    static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /**
     * UTF-8, strict, with a leading byte-order mark (as spreadsheets write it) skipped. A UTF-16
     * byte-order mark or a NUL byte anywhere (UTF-16 without a mark, a binary file) is {@link NotText}.
     */
    private static Reader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(3);
            byte[] start = in.readNBytes(3);
            in.reset();
            if (start.length >= 2 && ((start[0] == (byte) 0xFE && start[1] == (byte) 0xFF)
                    || (start[0] == (byte) 0xFF && start[1] == (byte) 0xFE))) {
                throw new NotText();
            }
            if (start.length == 3 && start[0] == (byte) 0xEF && start[1] == (byte) 0xBB && start[2] == (byte) 0xBF) {
                in.skipNBytes(3);
            }
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new NoNul(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()));
    }

    /** The file is not text in UTF-8 (a UTF-16 mark, a NUL byte). */
    private static final class NotText extends IOException {
        private static final long serialVersionUID = 1L;

        NotText() {
            super("not UTF-8 text");
        }
    }

    /** Fails with {@link NotText} at the first NUL: no CSV a planner saves as text contains one. */
    private static final class NoNul extends FilterReader {
        NoNul(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c == 0) {
                throw new NotText();
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                if (buffer[i] == 0) {
                    throw new NotText();
                }
            }
            return n;
        }
    }
}

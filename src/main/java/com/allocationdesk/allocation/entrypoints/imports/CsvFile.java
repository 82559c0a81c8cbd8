package com.allocationdesk.allocation.entrypoints.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Streams a CSV file with a fixed header, row by row, so files of any size fit in memory. */
final class CsvFile {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();

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
        try (Reader reader = open(file); CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            List<String> found = parser.getHeaderNames();
            if (!found.equals(header)) {
                throw new UnusableInput(file + ": the first line must be the header " + String.join(",", header)
                        + ", was " + (found.isEmpty() ? "empty" : String.join(",", found)));
            }
            long rows = 0;
            long previousLine = 1;
            for (CSVRecord row : parser) {
                rows++;
                long line = Math.max(previousLine + 1, parser.getCurrentLineNumber());
                previousLine = line;
                if (!visitor.visit(line, row.size() == header.size() ? row : null)) {
                    break;
                }
            }
            return rows;
        } catch (NoSuchFileException e) {
            throw new UnusableInput("File not found: " + file, e);
        } catch (CharacterCodingException e) {
            throw new UnusableInput(file + " is not a UTF-8 text file", e);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new UnusableInput("Cannot read " + file + ": " + oneLine(e.getMessage()), e);
        }
    }

    /** UTF-8, strict, with a leading byte-order mark (as spreadsheets write it) skipped. */
    private static Reader open(Path file) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder()), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}

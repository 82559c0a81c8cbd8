package com.allocationdesk.allocation.entrypoints.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Streams a CSV file with a fixed header, row by row, so files of any size fit in memory. */
final class CsvInput {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();

    private CsvInput() {
    }

    @FunctionalInterface
    interface RowVisitor {
        /** @param line the row's line number in the file (the header is line 1) */
        void visit(long line, CSVRecord row);
    }

    /** Reads every row; a wrong header or an unreadable file is {@link BadInput}. Returns the number of rows. */
    static long read(Path file, List<String> header, RowVisitor visitor) {
        try (Reader reader = open(file); CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            List<String> found = parser.getHeaderNames();
            if (!found.equals(header)) {
                throw new BadInput(file + ": the first line must be the header " + String.join(",", header)
                        + ", was " + (found.isEmpty() ? "empty" : String.join(",", found)));
            }
            long rows = 0;
            long previousLine = 1;
            for (CSVRecord row : parser) {
                rows++;
                long line = Math.max(previousLine + 1, parser.getCurrentLineNumber());
                previousLine = line;
                if (row.size() != header.size()) {
                    visitor.visit(line, null);
                } else {
                    visitor.visit(line, row);
                }
            }
            return rows;
        } catch (NoSuchFileException e) {
            throw new BadInput("File not found: " + file, e);
        } catch (CharacterCodingException e) {
            throw new BadInput(file + " is not a UTF-8 text file", e);
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new BadInput("Cannot read " + file + ": " + AllocationDeskCommand.oneLine(e.getMessage()), e);
        }
    }

    /** UTF-8, strict, with a leading byte-order mark (as spreadsheets write it) skipped. */
    private static Reader open(Path file) throws IOException {
        BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder()), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    /** A quantity column: a whole number. */
    static int quantity(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new BadInput("qty must be a whole number, was '" + text + "'");
        }
    }
}

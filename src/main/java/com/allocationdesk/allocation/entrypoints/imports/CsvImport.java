package com.allocationdesk.allocation.entrypoints.imports;

import com.allocationdesk.allocation.domain.DomainException;

import org.apache.commons.csv.CSVRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The two passes every import makes. First the whole file is checked and every bad row collected;
 * if there is one, nothing is sent. Then the rows are read again and sent in chunks, one bus
 * command (one transaction) per chunk. {@code cancelled} is asked between chunks (and every chunk's
 * worth of rows while checking), so a cancelled import stops with whole chunks in and the rest out.
 */
final class CsvImport {
    /** Rows per transaction. */
    static final int DEFAULT_CHUNK = 500;

    private CsvImport() {
    }

    /** What one run of one kind of import does with the rows. Holds that run's state. */
    interface Rows<C> extends AutoCloseable {
        /** Builds the command of a row (validated as it is built); throws {@link UnusableInput} or {@link DomainException}. */
        C parse(CSVRecord row);

        /** Checks a well-formed row against the rows before it and the database; throws like {@link #parse}. */
        void check(long line, C command);

        /** Called once the check pass is over: let go of what it needed. */
        default void checked() {
        }

        /** Sends one chunk through the bus and tallies the result. */
        void send(List<C> chunk);

        /** The planner's one-line summary of a finished import. */
        String summary(Path file, long rows);

        @Override
        default void close() {
        }
    }

    static <C> ImportReport run(Path file, List<String> header, int chunk, Rows<C> rows, ImportProgress progress,
                                BooleanSupplier cancelled) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive, was " + chunk);
        }
        List<ImportProblem> problems = new ArrayList<>();
        boolean[] stopped = {false};
        long total;
        try (rows) {
            long[] checked = {0};
            total = CsvFile.read(file, header, (line, row) -> {
                try {
                    if (row == null) {
                        throw new UnusableInput("expected " + header.size() + " columns: " + String.join(",", header));
                    }
                    rows.check(line, rows.parse(row));
                } catch (DomainException | UnusableInput e) {
                    problems.add(new ImportProblem(line, e.getMessage()));
                }
                progress.checked(++checked[0]);
                stopped[0] = checked[0] % chunk == 0 && cancelled.getAsBoolean();
                return !stopped[0];
            });
            rows.checked();
            if (stopped[0] || cancelled.getAsBoolean()) {
                return ImportReport.cancelled(file, total, 0, true);
            }
            if (!problems.isEmpty()) {
                return ImportReport.rejected(file, total, problems);
            }

            List<C> pending = new ArrayList<>(chunk);
            long[] sent = {0};
            CsvFile.read(file, header, (line, row) -> {
                pending.add(parseAgain(file, line, row, rows));
                if (pending.size() >= chunk) {
                    sent[0] += send(rows, pending);
                    progress.imported(sent[0], total);
                    stopped[0] = sent[0] < total && cancelled.getAsBoolean();
                }
                return !stopped[0];
            });
            if (stopped[0]) {
                return ImportReport.cancelled(file, total, sent[0], false);
            }
            if (!pending.isEmpty()) {
                sent[0] += send(rows, pending);
                progress.imported(sent[0], total);
            }
            return ImportReport.done(file, total, rows.summary(file, sent[0]));
        }
    }

    /** The file was checked a moment ago; if a row no longer reads, it changed in between. */
    private static <C> C parseAgain(Path file, long line, CSVRecord row, Rows<C> rows) {
        try {
            if (row == null) {
                throw new UnusableInput("wrong number of columns");
            }
            return rows.parse(row);
        } catch (DomainException | UnusableInput e) {
            throw new UnusableInput(file + " changed while it was imported: line " + line + ": " + e.getMessage(), e);
        }
    }

    private static <C> int send(Rows<C> rows, List<C> pending) {
        int size = pending.size();
        rows.send(pending);
        pending.clear();
        return size;
    }
}

package com.allocationdesk.allocation.entrypoints.imports;

import com.allocationdesk.allocation.domain.DomainException;

import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * What every import does. The planner's file is read once, into a private copy ({@link Spool}); the
 * check and the import both read the copy, so what is imported is exactly what was checked, and a
 * pipe or FIFO works. First the whole copy is checked and every bad row counted (the first
 * {@value #LISTED} listed); if there is one, nothing is sent. Then the rows are read again and sent
 * in chunks, one bus command (one transaction) per chunk. {@code cancelled} is asked while copying,
 * every chunk's worth of rows while checking, and between chunks, so a cancelled import stops with
 * whole chunks in and the rest out.
 * <p>
 * Bounded memory, whatever the size of the file: rows are streamed, keys that must be unique in the
 * file are compared on disk ({@link DuplicateKeys}), and at most {@value #LISTED} bad rows are kept.
 * <p>
 * A failure after a chunk was committed is {@link PartlyImported} (never "nothing changed"); one
 * before is the failure itself, and then nothing was imported. An {@link Error} (out of memory) is
 * never caught: the temporary files are deleted and it reaches the entry point as it is.
 */
final class CsvImport {
    private static final Logger log = LoggerFactory.getLogger(CsvImport.class);
    /** Rows per transaction. */
    static final int DEFAULT_CHUNK = 500;
    /** Bad rows listed at most (all are counted). */
    static final int LISTED = 1_000;

    private CsvImport() {
    }

    /** What one run of one kind of import does with the rows. Holds that run's state. */
    interface Rows<C> extends AutoCloseable {
        /** Builds the command of a row (validated as it is built); throws {@link UnusableInput} or {@link DomainException}. */
        C parse(CSVRecord row);

        /** Checks a well-formed row by itself, before its key is compared with other rows'; throws like {@link #parse}. */
        default void checkRow(C command) {
        }

        /** What must be unique within the file (batch reference; order id + SKU). */
        String key(C command);

        /** The message for a row whose key was already on {@code firstLine}. */
        String duplicate(String key, long firstLine);

        /** Checks a row against the database; throws like {@link #parse}. Not reported for a duplicate row. */
        void checkStored(long line, C command);

        /** Called once the check pass is over: let go of what it needed. */
        default void checked() {
        }

        /**
         * Sends one chunk through the bus and tallies the result.
         *
         * @param number the chunk's number in the file, from 0
         * @param last   whether it is the file's last
         */
        void send(List<C> chunk, int number, boolean last);

        /** The planner's one-line summary of a finished import. */
        String summary(Path file, long rows);

        /** The lines the chunks sent so far left waiting for stock (order lines only). */
        default ImportReport.Waiting waiting() {
            return ImportReport.Waiting.NONE;
        }

        @Override
        default void close() {
        }
    }

    static <C> ImportReport run(Path file, Scratch scratch, List<String> header, int chunk, Rows<C> rows,
                                ImportProgress progress, BooleanSupplier cancelled, ChunkDelivery delivery) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive, was " + chunk);
        }
        try (rows; Spool spool = Spool.of(file, scratch, cancelled)) {
            if (spool == null) {
                return ImportReport.cancelled(file, 0, 0, true);
            }
            if (delivery.expectedSha256().filter(expected -> !expected.equals(spool.sha256())).isPresent()) {
                throw new ChunkDelivery.FileChanged(file + " changed after it was looked at");
            }
            log.info("Importing {} ({} bytes, copied to {})", file, spool.bytes(), spool.copy());
            Check<C> check = new Check<>(file, scratch, header, chunk, rows, progress, cancelled);
            long total = check.run(spool);
            rows.checked();
            if (check.stopped || cancelled.getAsBoolean()) {
                return ImportReport.cancelled(file, total, 0, true);
            }
            if (check.bad > 0) {
                return ImportReport.rejected(file, total, check.bad, check.listed());
            }
            return send(spool, file, header, chunk, rows, total, progress, cancelled);
        }
    }

    /** The check pass: every row parsed and checked, keys compared, bad rows counted. */
    private static final class Check<C> {
        private final Path file;
        private final Scratch scratch;
        private final List<String> header;
        private final int chunk;
        private final Rows<C> rows;
        private final ImportProgress progress;
        private final BooleanSupplier cancelled;
        /** The first bad rows found row by row, in line order. */
        private final List<ImportProblem> first = new ArrayList<>();
        /** The first duplicates by line (a max-heap: the largest line goes when a smaller comes). */
        private final PriorityQueue<ImportProblem> duplicates =
                new PriorityQueue<>(Comparator.comparingLong(ImportProblem::line).reversed());
        private long bad;
        private boolean stopped;

        Check(Path file, Scratch scratch, List<String> header, int chunk, Rows<C> rows, ImportProgress progress,
              BooleanSupplier cancelled) {
            this.file = file;
            this.scratch = scratch;
            this.header = header;
            this.chunk = chunk;
            this.rows = rows;
            this.progress = progress;
            this.cancelled = cancelled;
        }

        long run(Spool spool) {
            try (DuplicateKeys keys = new DuplicateKeys(scratch, file)) {
                long[] checked = {0};
                long total = CsvFile.read(spool.copy(), file, header, (line, row) -> {
                    check(keys, line, row);
                    progress.checked(++checked[0]);
                    stopped = checked[0] % chunk == 0 && cancelled.getAsBoolean();
                    return !stopped;
                });
                if (!stopped) {
                    keys.forEachDuplicate((key, line, firstLine, alsoBad) -> {
                        if (!alsoBad) {
                            bad++;
                        }
                        duplicates.add(new ImportProblem(line, rows.duplicate(key, firstLine)));
                        if (duplicates.size() > LISTED) {
                            duplicates.poll();
                        }
                    });
                }
                return total;
            }
        }

        private void check(DuplicateKeys keys, long line, CSVRecord row) {
            try {
                if (row == null) {
                    throw new UnusableInput("expected " + header.size() + " columns: " + String.join(",", header));
                }
                C command = rows.parse(row);
                rows.checkRow(command);
                String stored = null;
                try {
                    rows.checkStored(line, command);
                } catch (DomainException | UnusableInput e) {
                    stored = e.getMessage();
                }
                keys.add(rows.key(command), line, stored != null);
                if (stored != null) {
                    problem(line, stored);
                }
            } catch (DomainException | UnusableInput e) {
                problem(line, e.getMessage());
            }
        }

        private void problem(long line, String message) {
            bad++;
            if (first.size() < LISTED) {
                first.add(new ImportProblem(line, message));
            }
        }

        /** The first {@value #LISTED} bad rows by line; a duplicate's message wins over the same row's other one. */
        List<ImportProblem> listed() {
            List<ImportProblem> dups = new ArrayList<>(duplicates);
            dups.sort(Comparator.comparingLong(ImportProblem::line));
            List<ImportProblem> listed = new ArrayList<>();
            int i = 0;
            int j = 0;
            while (listed.size() < LISTED && (i < first.size() || j < dups.size())) {
                if (j == dups.size() || (i < first.size() && first.get(i).line() < dups.get(j).line())) {
                    listed.add(first.get(i++));
                } else {
                    if (i < first.size() && first.get(i).line() == dups.get(j).line()) {
                        i++;
                    }
                    listed.add(dups.get(j++));
                }
            }
            return listed;
        }
    }

    private static <C> ImportReport send(Spool spool, Path file, List<String> header, int chunk, Rows<C> rows,
                                         long total, ImportProgress progress, BooleanSupplier cancelled) {
        List<C> pending = new ArrayList<>(chunk);
        long[] sent = {0};
        long[] read = {0};
        boolean[] stopped = {false};
        try {
            CsvFile.read(spool.copy(), file, header, (line, row) -> {
                if (++read[0] > total) {
                    throw changed(file, "it has more than the " + total + " rows that were checked");
                }
                pending.add(parseAgain(file, line, row, rows));
                if (pending.size() >= chunk) {
                    sent[0] += send(rows, pending, sent[0] / chunk, sent[0] + pending.size() == total);
                    progress.imported(sent[0], total);
                    stopped[0] = sent[0] < total && cancelled.getAsBoolean();
                }
                return !stopped[0];
            });
            if (stopped[0]) {
                return ImportReport.cancelled(file, total, sent[0], false).leaving(rows.waiting());
            }
            if (read[0] != total) {
                throw changed(file, "it has " + read[0] + " rows, " + total + " were checked");
            }
            if (!pending.isEmpty()) {
                sent[0] += send(rows, pending, sent[0] / chunk, true);
                progress.imported(sent[0], total);
            }
            return ImportReport.done(file, total, rows.summary(file, sent[0])).leaving(rows.waiting());
        } catch (RuntimeException e) {
            if (sent[0] == 0) {
                throw e; // the failing chunk rolled back, none before it: nothing changed
            }
            log.warn("Import of {} failed after {} of {} rows were committed", file, sent[0], total, e);
            throw new PartlyImported(file, sent[0], total, e);
        }
    }

    /**
     * The copy was checked a moment ago and is private to this import, so this cannot happen; if it
     * does (someone wrote into the copy), it is told as it is.
     */
    private static <C> C parseAgain(Path file, long line, CSVRecord row, Rows<C> rows) {
        try {
            if (row == null) {
                throw new UnusableInput("wrong number of columns");
            }
            return rows.parse(row);
        } catch (DomainException | UnusableInput e) {
            throw changed(file, "line " + line + ": " + e.getMessage());
        }
    }

    private static UnusableInput changed(Path file, String what) {
        return new UnusableInput("The temporary copy of " + file + " changed while it was imported (" + what + ")");
    }

    private static <C> int send(Rows<C> rows, List<C> pending, long number, boolean last) {
        int size = pending.size();
        rows.send(pending, Math.toIntExact(number), last);
        pending.clear();
        return size;
    }
}

package com.allocationdesk.allocation.entrypoints.imports;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Finds the keys that occur more than once in a file, with the line of every occurrence and the
 * line of the first, in bounded memory: an external merge sort of (key, line) pairs. Pairs are
 * collected in a run of at most {@link #RUN_BYTES} (estimated heap); a full run is sorted and
 * written to a scratch file; at the end the runs are merged and equal keys come out next to each
 * other, in line order. At most {@link #FAN_IN} runs are open at once (more are merged into one
 * first). A file whose keys fit in one run never touches the disk.
 * <p>
 * Heap: one run (8 MB) plus 64 read buffers while merging (4 MB), whatever the size of the file.
 * Disk: about (key length + 11) bytes per row, deleted on {@link #close()}.
 */
final class DuplicateKeys implements AutoCloseable {
    /** Estimated heap of the pairs kept in memory before they are sorted and written out. */
    static final long RUN_BYTES = 8L << 20;
    /** Runs merged at once. */
    static final int FAN_IN = 64;
    private static final int BUFFER = 1 << 16;
    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::key).thenComparingLong(Entry::line);

    /** A key seen again: on {@code line}, first seen on {@code firstLine}. */
    @FunctionalInterface
    interface Visitor {
        /** @param alsoBad the row on {@code line} had been found bad for another reason as well */
        void duplicate(String key, long line, long firstLine, boolean alsoBad);
    }

    private record Entry(String key, long line, boolean alsoBad) {
    }

    private final Scratch scratch;
    private final Path file;
    private final long runBytes;
    private final List<Entry> run = new ArrayList<>();
    private final List<Run> runs = new ArrayList<>();
    private long bytes;
    private long previousLine = Long.MIN_VALUE;

    /** @param file the file being imported, for messages */
    DuplicateKeys(Scratch scratch, Path file) {
        this(scratch, file, RUN_BYTES);
    }

    DuplicateKeys(Scratch scratch, Path file, long runBytes) {
        this.scratch = scratch;
        this.file = file;
        this.runBytes = runBytes;
    }

    /** Adds the key of a row; lines must grow. */
    void add(String key, long line, boolean alsoBad) {
        if (line <= previousLine) {
            throw new IllegalArgumentException("lines must grow: " + line + " after " + previousLine);
        }
        previousLine = line;
        run.add(new Entry(key, line, alsoBad));
        bytes += 96 + 2L * key.length();
        if (bytes >= runBytes) {
            spill();
        }
    }

    /** Every key that occurs more than once: each occurrence after the first, in key order. */
    void forEachDuplicate(Visitor visitor) {
        try {
            if (runs.isEmpty()) {
                run.sort(ORDER);
                Iterator<Entry> entries = run.iterator();
                scan(() -> entries.hasNext() ? entries.next() : null, visitor);
                return;
            }
            spill();
            try (Merge merge = new Merge(runs)) {
                scan(merge::next, visitor);
            }
        } catch (IOException e) {
            throw scratch.cannotWrite(file, e);
        }
    }

    /** Entries in {@link #ORDER}, then null. */
    @FunctionalInterface
    private interface Sorted {
        Entry next() throws IOException;
    }

    private static void scan(Sorted entries, Visitor visitor) throws IOException {
        Entry previous = null;
        long firstLine = 0;
        for (Entry entry = entries.next(); entry != null; entry = entries.next()) {
            if (previous != null && previous.key().equals(entry.key())) {
                visitor.duplicate(entry.key(), entry.line(), firstLine, entry.alsoBad());
            } else {
                firstLine = entry.line();
            }
            previous = entry;
        }
    }

    /** Runs written to disk so far (for tests and figures). */
    int runsOnDisk() {
        return runs.size();
    }

    private void spill() {
        if (run.isEmpty()) {
            return;
        }
        run.sort(ORDER);
        try {
            if (runs.size() >= FAN_IN) {
                Run merged = newRun();
                try (Merge merge = new Merge(runs); DataOutputStream out = merged.writer()) {
                    for (Entry entry = merge.next(); entry != null; entry = merge.next()) {
                        write(out, entry);
                    }
                }
                runs.forEach(Run::delete);
                runs.clear();
                runs.add(merged);
            }
            Run next = newRun();
            try (DataOutputStream out = next.writer()) {
                for (Entry entry : run) {
                    write(out, entry);
                }
            }
            runs.add(next);
        } catch (IOException e) {
            throw scratch.cannotWrite(file, e);
        }
        run.clear();
        bytes = 0;
    }

    private Run newRun() throws IOException {
        return new Run(scratch.newFile("keys"));
    }

    private static void write(DataOutputStream out, Entry entry) throws IOException {
        out.writeUTF(entry.key());
        out.writeLong(entry.line());
        out.writeBoolean(entry.alsoBad());
    }

    @Override
    public void close() {
        runs.forEach(Run::delete);
        runs.clear();
        run.clear();
    }

    /** A sorted run on disk. */
    private record Run(Path path) {
        DataOutputStream writer() throws IOException {
            return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), BUFFER));
        }

        DataInputStream reader() throws IOException {
            return new DataInputStream(new BufferedInputStream(Files.newInputStream(path), BUFFER));
        }

        void delete() {
            Scratch.delete(path);
        }
    }

    /** The runs' entries in {@link #ORDER}: a k-way merge. */
    private static final class Merge implements AutoCloseable {
        private record Head(Entry entry, DataInputStream in) {
        }

        private final List<DataInputStream> inputs = new ArrayList<>();
        private final PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::entry, ORDER));

        Merge(List<Run> runs) throws IOException {
            try {
                for (Run run : runs) {
                    DataInputStream in = run.reader();
                    inputs.add(in);
                    Entry first = read(in);
                    if (first != null) {
                        heads.add(new Head(first, in));
                    }
                }
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        Entry next() throws IOException {
            Head head = heads.poll();
            if (head == null) {
                return null;
            }
            Entry following = read(head.in());
            if (following != null) {
                heads.add(new Head(following, head.in()));
            }
            return head.entry();
        }

        private static Entry read(DataInputStream in) throws IOException {
            String key;
            try {
                key = in.readUTF();
            } catch (EOFException end) {
                return null;
            }
            return new Entry(key, in.readLong(), in.readBoolean());
        }

        @Override
        public void close() throws IOException {
            IOException failed = null;
            for (DataInputStream in : inputs) {
                try {
                    in.close();
                } catch (IOException e) {
                    failed = e;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }
}

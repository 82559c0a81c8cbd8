package com.allocationdesk.allocation.entrypoints.imports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;

/**
 * A private copy of the file being imported, read once from the planner's file (which may be a
 * pipe, a FIFO or {@code /dev/stdin}: it is only ever read front to back, never seeked or opened
 * twice). The check and the import both read the copy, so the import applies exactly what the
 * check approved, whatever happens to the original meanwhile. Deleted on {@link #close()}.
 */
public final class Spool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final int BUFFER = 1 << 16;
    /** How often the copy asks whether it was cancelled: every 8 MB. */
    private static final long ASK_EVERY = 8L << 20;

    private final Path copy;
    private final long bytes;
    private final String sha256;

    private Spool(Path copy, long bytes, String sha256) {
        this.copy = copy;
        this.bytes = bytes;
        this.sha256 = sha256;
    }

    /**
     * Copies {@code file} into a new scratch file. A file that cannot be read is {@link UnusableInput}
     * (as {@link CsvFile} words it); a copy that cannot be written is
     * {@link Scratch#cannotWrite}. Returns null when cancelled (nothing is kept).
     */
    public static Spool of(Path file, Scratch scratch, BooleanSupplier cancelled) {
        scratch.deleteLeftovers();
        InputStream in = open(file);
        try {
            return copy(file, in, scratch, cancelled);
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                // the source was read to its end (or the copy failed anyway): nothing is lost
                log.debug("Could not close {}", file, e);
            }
        }
    }

    private static Spool copy(Path file, InputStream in, Scratch scratch, BooleanSupplier cancelled) {
        Path copy;
        try {
            copy = scratch.newFile("csv");
        } catch (IOException e) {
            throw scratch.cannotWrite(file, e);
        }
        boolean kept = false;
        try (OutputStream out = Files.newOutputStream(copy, StandardOpenOption.WRITE)) {
            MessageDigest digest = newDigest();
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            long nextAsk = ASK_EVERY;
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw CsvFile.unreadable(file, e);
                }
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                total += n;
                if (total >= nextAsk) {
                    nextAsk += ASK_EVERY;
                    if (cancelled.getAsBoolean()) {
                        return null;
                    }
                }
            }
            out.flush();
            kept = true;
            return new Spool(copy, total, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw scratch.cannotWrite(file, e);
        } finally {
            if (!kept) {
                Scratch.delete(copy);
            }
        }
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw CsvFile.unreadable(file, e);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The private copy: read it, never the original. */
    public Path copy() {
        return copy;
    }

    public long bytes() {
        return bytes;
    }

    /** The SHA-256 of the bytes copied, 64 lower-case hex digits: what the inbox knows a file by. */
    public String sha256() {
        return sha256;
    }

    @Override
    public void close() {
        Scratch.delete(copy);
    }
}

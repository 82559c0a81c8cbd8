package com.allocationdesk.allocation.reliability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The figures a reliability test measured: logged, and appended to
 * {@code target/reliability-figures.txt} (one line each) for docs/RELIABILITY.md. Figures are
 * reported, not asserted, except the hard correctness targets the tests assert themselves.
 */
public final class Figures {
    private static final Logger log = LoggerFactory.getLogger(Figures.class);
    static final Path FILE = Path.of("target", "reliability-figures.txt");

    private Figures() {
    }

    public static synchronized void report(String test, String figure, Object value) {
        String line = Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + test + " | " + figure + ": " + value;
        log.info("{}", line);
        try {
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** true when run with {@code -Psoak} (the long versions of the bounded tests). */
    public static boolean soak() {
        return Boolean.getBoolean("reliability.soak");
    }
}

package com.allocationdesk.allocation.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;

/**
 * Runs {@link Bench} under failsafe in the {@code bench} profile only (the normal build includes
 * {@code *IT} and {@code *Test} classes, not this one). Asserts nothing: the benchmark reports.
 */
class AllocationDeskBench {
    @Test
    @Timeout(3600)
    void benchmark() throws Exception {
        Bench.run(Path.of(System.getProperty("bench.project", ".")));
    }
}

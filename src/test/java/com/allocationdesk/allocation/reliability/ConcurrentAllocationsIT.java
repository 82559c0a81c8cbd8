package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.adapters.Workers;
import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.RebuildReadModel;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.RetryPolicy;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrency figures (issue 6, reliability 2): 8 threads x N allocations through the real bus
 * (the production {@link RetryPolicy#DEFAULT}: 30 attempts, the fourth on alone) on the real file database, first all
 * on one SKU with stock for about half the demand, then each thread on its own SKU. N = 200 (the
 * issue's size) in verify and in soak; {@code -Dreliability.linesPerThread=N} changes it.
 * {@code adapters.ConcurrencyIT} keeps the small functional version of the same checks.
 * <p>
 * Asserted: over-allocated batches 0 (SQL on the write tables), every line stored once (commands
 * that gave up included: a command that gave up stored nothing), final version = versions before +
 * commands that succeeded, commands that ended neither allocated nor waiting 0. Reported:
 * conflicts retried, throughput.
 */
@Timeout(600)
class ConcurrentAllocationsIT {
    private static final String NAME = "concurrency";
    private static final int THREADS = 8;
    private static final int LINES = Integer.getInteger("reliability.linesPerThread", 200);

    @TempDir
    Path folder;
    private Database database;
    private MessageBus bus;
    private final AtomicInteger retries = new AtomicInteger();

    @BeforeEach
    void open() {
        database = Database.open(folder.resolve("desk"));
        RetryPolicy production = RetryPolicy.DEFAULT;
        RetryPolicy counting = new RetryPolicy(production.maxAttempts(), production.baseBackoff(), pause -> {
            retries.incrementAndGet();
            production.sleeper().sleep(pause);
        });
        bus = HandlerRegistry.bus(Stores.unitsOfWork(database), new FakeNotifications(), Clock.systemUTC())
                .retryPolicy(counting).build();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void eightThreadsOnOneSkuWithLimitedStock() throws Exception {
        // demand: 8 x N lines of 1..3 units (about 2 N x 8 units); stock: about half of it
        int stock = THREADS * LINES;
        bus.handle(new CreateBatch("warehouse", "LAMP", stock * 5 / 8, null));
        bus.handle(new CreateBatch("shipment", "LAMP", stock * 3 / 8, LocalDate.of(2027, 1, 15)));
        Outcome outcome = allocate(thread -> "LAMP");

        report("8 threads x " + LINES + " on one SKU", outcome, List.of("LAMP"));
    }

    @Test
    void eightThreadsOnEightSkus() throws Exception {
        for (int t = 0; t < THREADS; t++) {
            bus.handle(new CreateBatch("b" + t, "SKU" + t, LINES * 2, null));
        }
        Outcome outcome = allocate(thread -> "SKU" + thread);

        report("8 threads x " + LINES + " on 8 SKUs", outcome, List.of("SKU0", "SKU1", "SKU2", "SKU3", "SKU4", "SKU5", "SKU6", "SKU7"));
        assertThat(outcome.retries).as("conflicts between threads on different SKUs").isZero();
    }

    private record Outcome(int allocated, int waiting, List<String> failures, int retries, long millis, long versionsBefore) {
    }

    private Outcome allocate(java.util.function.IntFunction<String> skuOfThread) throws Exception {
        DataSource db = database.dataSource();
        long versionsBefore = Tables.number(db, "SELECT COALESCE(SUM(version), 0) FROM products");
        retries.set(0);
        AtomicInteger allocated = new AtomicInteger();
        AtomicInteger waiting = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        long started;
        try (Workers pool = new Workers("allocating", THREADS)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    // each command's failure is counted, not thrown: stop when the test stops the workers
                    for (int i = 0; i < LINES && !Thread.currentThread().isInterrupted(); i++) {
                        try {
                            Optional<String> batch = bus.handle(new Allocate("t" + thread + "-o" + i,
                                    skuOfThread.apply(thread), 1 + (thread + i) % 3));
                            (batch.isPresent() ? allocated : waiting).incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            started = System.nanoTime();
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return new Outcome(allocated.get(), waiting.get(), List.copyOf(failures), retries.get(),
                (System.nanoTime() - started) / 1_000_000, versionsBefore);
    }

    private void report(String what, Outcome outcome, List<String> skus) {
        DataSource db = database.dataSource();
        int commands = THREADS * LINES;
        long overAllocated = Tables.rows(db, """
                SELECT b.reference FROM batches b LEFT JOIN allocations a ON a.batch_reference = b.reference
                GROUP BY b.reference, b.purchased_quantity, b.allocated_quantity
                HAVING COALESCE(SUM(a.quantity), 0) > b.purchased_quantity
                    OR COALESCE(SUM(a.quantity), 0) <> b.allocated_quantity""").size();
        long stored = Tables.number(db, "SELECT COUNT(*) FROM allocations")
                + Tables.number(db, "SELECT COUNT(*) FROM waiting_lines");
        long versions = Tables.number(db, "SELECT COALESCE(SUM(version), 0) FROM products WHERE sku IN ('"
                + String.join("','", skus) + "')");
        int succeeded = outcome.allocated + outcome.waiting;
        Figures.report(NAME, what + ": commands", commands + " in " + outcome.millis + " ms ("
                + (commands * 1000L / Math.max(1, outcome.millis)) + "/s)");
        Figures.report(NAME, what + ": allocated / waiting / neither", outcome.allocated + " / " + outcome.waiting
                + " / " + outcome.failures.size());
        Figures.report(NAME, what + ": conflicts seen and retried", outcome.retries);
        Figures.report(NAME, what + ": over-allocated batches", overAllocated);
        Figures.report(NAME, what + ": version growth / successful commands", (versions - outcome.versionsBefore)
                + " / " + succeeded);

        assertThat(overAllocated).as("over-allocated batches").isZero();
        // a call that lost RetryPolicy.SHARED_ATTEMPTS times makes its next attempt alone (decision 0019)
        assertThat(outcome.failures).as("commands that ended neither allocated nor waiting").isEmpty();
        assertThat(stored).as("every successful line stored once, nothing of the failed ones").isEqualTo(succeeded);
        assertThat(versions - outcome.versionsBefore).as("one version per successful command").isEqualTo(succeeded);
        assertThat(Tables.number(db, "SELECT COUNT(*) FROM waiting_lines w WHERE w.quantity <= "
                + "(SELECT MAX(purchased_quantity - allocated_quantity) FROM batches b WHERE b.sku = w.sku)"))
                .as("lines waiting although a batch could take them").isZero();
        List<List<List<Object>>> projected = Tables.readTables(db);
        bus.handle(new RebuildReadModel());
        assertThat(Tables.readTables(db)).as("read tables equal a rebuild").isEqualTo(projected);
    }
}

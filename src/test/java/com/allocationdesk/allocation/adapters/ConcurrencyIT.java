package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.reliability.Tables;
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
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads allocating through the real bus against each store; every worker has ended
 * before the database is closed ({@link Workers}).
 */
@Timeout(300)
@ParameterizedClass
@EnumSource(StoreKind.class)
class ConcurrencyIT {
    @Parameter
    StoreKind kind;

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyIT.class);
    private static final int THREADS = 8;
    private static final int LINES_PER_THREAD = 12;

    @TempDir
    Path folder;
    private Store database;
    private MessageBus bus;
    /** Each pause before a retry is one conflict the bus retried. */
    private final AtomicInteger retries = new AtomicInteger();

    @BeforeEach
    void open() {
        database = kind.fresh(folder, "desk");
        RetryPolicy counting = new RetryPolicy(100, Duration.ofMillis(2), pause -> {
            retries.incrementAndGet();
            Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
        });
        bus = HandlerRegistry.bus(Stores.unitsOfWork(database), new FakeNotifications(), Clock.systemUTC())
                .retryPolicy(counting).build();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void threadsAllocatingTheSameSkuNeverOverAllocateAndRetryTheirConflicts() throws Exception {
        bus.handle(new CreateBatch("warehouse", "LAMP", 60, null));
        bus.handle(new CreateBatch("shipment", "LAMP", 40, LocalDate.of(2026, 12, 3)));
        long versionBefore = version("LAMP");
        retries.set(0);

        long start = System.nanoTime();
        Workers.runTogether("allocating", THREADS, thread -> {
            for (int i = 0; i < LINES_PER_THREAD; i++) {
                // 8 x 12 lines of 1 to 3 units: about 190 units asked of 100 in stock
                bus.handle(new Allocate("t" + thread + "-o" + i, "LAMP", 1 + (thread + i) % 3));
            }
        });
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        log.info("{} threads x {} allocations of one SKU in {} ms, {} retries", THREADS, LINES_PER_THREAD,
                millis, retries.get());

        assertThat(TestData.rows(database, """
                SELECT b.reference FROM batches b LEFT JOIN allocations a ON a.batch_reference = b.reference
                GROUP BY b.reference, b.purchased_quantity, b.allocated_quantity
                HAVING COALESCE(SUM(a.quantity), 0) > b.purchased_quantity
                    OR COALESCE(SUM(a.quantity), 0) <> b.allocated_quantity""")).as("over-allocated batches").isEmpty();
        assertThat(TestData.number(database, "SELECT COUNT(*) FROM allocations")
                + TestData.number(database, "SELECT COUNT(*) FROM waiting_lines"))
                .as("every line allocated or waiting, once").isEqualTo(THREADS * LINES_PER_THREAD);
        assertThat(TestData.number(database, "SELECT COUNT(*) FROM waiting_lines w WHERE w.quantity <= "
                + "(SELECT MAX(purchased_quantity - allocated_quantity) FROM batches)"))
                .as("lines waiting although a batch could take them").isZero();
        assertThat(version("LAMP")).as("one version per committed command")
                .isEqualTo(versionBefore + THREADS * LINES_PER_THREAD);
        assertThat(retries.get()).as("conflicts retried").isPositive();
        assertViewsMatchTheWriteModel();
    }

    @Test
    void threadsOnDifferentSkusNeverConflict() throws Exception {
        bus.handle(new CreateBatch("lamps", "LAMP", 1000, null));
        bus.handle(new CreateBatch("tables", "TABLE", 1000, null));
        retries.set(0);
        List<String> skus = List.of("LAMP", "TABLE");

        Workers.runTogether("allocating", 2, thread -> {
            for (int i = 0; i < 30; i++) {
                bus.handle(new Allocate("o" + i, skus.get(thread), 2));
            }
        });

        assertThat(retries.get()).isZero();
        assertThat(TestData.number(database, "SELECT COUNT(*) FROM allocations")).isEqualTo(60);
    }

    private long version(String sku) {
        return TestData.number(database, "SELECT version FROM products WHERE sku = '" + sku + "'");
    }

    private void assertViewsMatchTheWriteModel() {
        List<List<List<Object>>> projected = readModel();
        bus.handle(new RebuildReadModel());
        assertThat(readModel()).isEqualTo(projected);
    }

    private List<List<List<Object>>> readModel() {
        return Tables.readTables(database.dataSource());
    }
}

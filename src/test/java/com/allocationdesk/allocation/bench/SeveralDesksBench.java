package com.allocationdesk.allocation.bench;

import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.adapters.postgres.LedgerLock;
import com.allocationdesk.allocation.adapters.postgres.PostgresStore;
import com.allocationdesk.allocation.adapters.postgres.PostgresTestServer;
import com.allocationdesk.allocation.adapters.postgres.ServerAddress;
import com.allocationdesk.allocation.bootstrap.DeskIdentity;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.OtherDesks;
import com.allocationdesk.allocation.entrypoints.ui.support.StockAlert;
import com.allocationdesk.allocation.queries.EventLogQuery;
import com.allocationdesk.allocation.servicelayer.EventBroadcaster;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.RetryPolicy;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Bench item 9: several desks on one PostgreSQL server (the tests' own, {@link PostgresTestServer}):
 * allocations per second through the bus with 1, 2, 4 and 8 desks at once (threads, each desk
 * with its own units of work and ledger name, on one pool), on distinct SKUs and on one hot SKU,
 * against {@link JdbcLimit} with as many threads on the same server; and the time from one desk's
 * commit until another desk's window is told ({@link OtherDesks}).
 */
final class SeveralDesksBench {
    private static final int[] DESKS = {1, 2, 4, 8};
    private static final int PER_DESK = Integer.getInteger("bench.perDesk", 300);
    private static final int LATENCY_SAMPLES = Integer.getInteger("bench.crossDeskSamples", 200);

    private final Consumer<String> line;
    private final Consumer<List<Stats.Figure>> table;

    SeveralDesksBench(Consumer<String> line, Consumer<List<Stats.Figure>> table) {
        this.line = line;
        this.table = table;
    }

    void run() throws Exception {
        line.accept("");
        line.accept("## 9. Several desks on one PostgreSQL server");
        line.accept("");
        line.accept(String.format("PostgreSQL 17.5 on this machine (the tests' server: fsync off, so this measures the"
                + " desk's own cost and the server's CPU, not a disk). Each desk is a thread with its own units of work"
                + " over one pool, allocating %d lines of one unit; distinct: each desk its own SKU; hot: all on one."
                + " Limit: `JdbcLimit` with as many threads, each on its own Read Committed connection (product row"
                + " locked FOR UPDATE, the ledger under the app's advisory lock). Retries: conflicts the bus re-ran"
                + " (app) and transactions started again (limit). %d runs of each.", PER_DESK, Bench.RUNS));
        ServerAddress server = PostgresTestServer.newDatabase("bench_desks");
        List<Stats.Figure> figures = new ArrayList<>();
        try (PostgresStore store = PostgresStore.open(server, PostgresTestServer.USER, PostgresTestServer.PASSWORD)) {
            MessageBus setUp = bus(store, "setup@bench", new AtomicLong());
            for (int d = 0; d < 8; d++) {
                setUp.handle(new CreateBatch("A" + d, "APP" + d, 10_000_000, null));
                setUp.handle(new CreateBatch("L" + d, "LIM" + d, 10_000_000, null));
            }
            setUp.handle(new CreateBatch("A-HOT", "APPHOT", 10_000_000, null));
            setUp.handle(new CreateBatch("L-HOT", "LIMHOT", 10_000_000, null));
            rates(store, server, 1, false, "w", new Stats.Figure("", ""), new Stats.Figure("", ""),
                    new Stats.Figure("", ""), new Stats.Figure("", "")); // warm-up
            for (boolean hot : new boolean[] {false, true}) {
                for (int desks : DESKS) {
                    String what = desks + (desks == 1 ? " desk" : " desks") + (hot ? ", one hot SKU" : ", distinct SKUs");
                    Stats.Figure app = new Stats.Figure("app allocate/s, " + what, "/s");
                    Stats.Figure limit = new Stats.Figure("limit tx/s, " + what, "/s");
                    Stats.Figure ratio = new Stats.Figure("ratio app / limit, " + what, "×");
                    Stats.Figure retries = new Stats.Figure("retries per 1,000 (app / limit), " + what, "");
                    for (int run = 0; run < Bench.RUNS; run++) {
                        rates(store, server, desks, hot, (hot ? "h" : "d") + desks + "r" + run, app, limit, ratio, retries);
                    }
                    figures.addAll(List.of(app, limit, ratio, retries));
                }
            }
            table.accept(figures);
            crossDeskLatency(store);
        }
    }

    private void rates(PostgresStore store, ServerAddress server, int desks, boolean hot, String prefix, Stats.Figure app,
                       Stats.Figure limit, Stats.Figure ratio, Stats.Figure retries) throws Exception {
        AtomicLong appRetries = new AtomicLong();
        List<MessageBus> buses = new ArrayList<>();
        for (int d = 0; d < desks; d++) {
            buses.add(bus(store, "desk" + d + "@bench", appRetries));
        }
        ExecutorService threads = Executors.newFixedThreadPool(desks);
        try {
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int d = 0; d < desks; d++) {
                MessageBus bus = buses.get(d);
                String sku = hot ? "APPHOT" : "APP" + d;
                String desk = prefix + "-a" + d;
                work.add(threads.submit(() -> {
                    for (int i = 0; i < PER_DESK; i++) {
                        bus.handle(new Allocate(desk + "-" + i, sku, 1));
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
            double appRate = desks * PER_DESK / ((System.nanoTime() - start) / 1e9);

            JdbcLimit jdbc = JdbcLimit.onServer(() -> DriverManager.getConnection(server.jdbcUrl(),
                    PostgresTestServer.USER, PostgresTestServer.PASSWORD), LedgerLock.KEY);
            start = System.nanoTime();
            work.clear();
            for (int d = 0; d < desks; d++) {
                String sku = hot ? "LIMHOT" : "LIM" + d;
                String desk = prefix + "-l" + d;
                work.add(threads.submit(() -> jdbc.run(desk, PER_DESK, i -> sku)));
            }
            for (Future<?> done : work) {
                done.get();
            }
            double limitRate = desks * PER_DESK / ((System.nanoTime() - start) / 1e9);
            app.add(appRate);
            limit.add(limitRate);
            ratio.add(appRate / limitRate);
            retries.add(1000.0 * appRetries.get() / (desks * PER_DESK));
            Bench.OUT.printf("  %s: app %.0f/s (%d retries), limit %.0f/s (%d retries)%n", prefix, appRate,
                    appRetries.get(), limitRate, jdbc.retries());
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** From one desk's commit (its {@code bus.handle} returned) to another desk's window being told. */
    private void crossDeskLatency(PostgresStore store) throws Exception {
        MessageBus writer = bus(store, "writer@bench", new AtomicLong());
        long[] told = new long[1];
        Object lock = new Object();
        LiveUpdates window = new LiveUpdates(new EventBroadcaster()) {
            @Override
            public void changedElsewhere(Set<Topic> topics, List<StockAlert> alerts) {
                synchronized (lock) {
                    told[0] = System.nanoTime();
                    lock.notifyAll();
                }
            }
        };
        OtherDesks reader = new OtherDesks(new EventLogQuery(store.dataSource()), window, new DeskIdentity("reader@bench"));
        reader.markEnd();
        reader.start();
        long[] samples = new long[LATENCY_SAMPLES];
        try {
            for (int i = 0; i < LATENCY_SAMPLES; i++) {
                synchronized (lock) {
                    told[0] = 0;
                }
                Thread.sleep(17 + i % 50); // commits at every point of the reader's 250 ms
                writer.handle(new Allocate("x" + i, "APP0", 1));
                long committed = System.nanoTime();
                synchronized (lock) {
                    while (told[0] == 0) {
                        lock.wait(5_000);
                    }
                    samples[i] = told[0] - committed;
                }
            }
        } finally {
            reader.stop();
        }
        Stats.Figure p50 = new Stats.Figure("commit to another desk's window told, p50", "ms");
        Stats.Figure p99 = new Stats.Figure("commit to another desk's window told, p99", "ms");
        p50.add(Stats.percentile(samples, 50) / 1e6);
        p99.add(Stats.percentile(samples, 99) / 1e6);
        line.accept("");
        line.accept(String.format("Cross-desk latency: %d commits of one desk, each timed from its return until the other"
                + " desk's `OtherDesks` hands it to the window (`LiveUpdates.changedElsewhere`); the window then refreshes"
                + " within %d ms (its coalescing) plus one query per view.", LATENCY_SAMPLES, LiveUpdates.COALESCE_MILLIS));
        table.accept(List.of(p50, p99));
    }

    private static MessageBus bus(PostgresStore store, String desk, AtomicLong retries) {
        return HandlerRegistry.bus(Stores.unitsOfWorkOfDesk(store, desk), new FakeNotifications(), Clock.systemUTC())
                .retryPolicy(new RetryPolicy(200, Duration.ofMillis(2), pause -> {
                    retries.incrementAndGet();
                    Thread.sleep(pause.toMillis());
                }))
                .build();
    }
}

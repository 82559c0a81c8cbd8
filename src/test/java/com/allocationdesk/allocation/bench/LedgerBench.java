package com.allocationdesk.allocation.bench;

import com.allocationdesk.allocation.adapters.eventlog.EventJson;
import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.Cause;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.domain.events.Placement;
import com.allocationdesk.allocation.queries.EventLogQuery;
import com.allocationdesk.allocation.queries.OrderStatusQuery;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Bench item 7: the planner's questions at 1,000,000 log entries, in process: {@code history --order}
 * ({@link EventLogQuery#forOrder}) and {@code order} ({@link OrderStatusQuery#of}), p50 and p99, and
 * what the log costs on disk.
 */
final class LedgerBench {
    private static final int ENTRIES = Integer.getInteger("bench.logEntries", 1_000_000);
    private static final int ORDERS = ENTRIES / 4;
    private static final int SKUS = 1_000;
    private static final int BATCHES_PER_SKU = 5;
    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");
    private static final Placement WAREHOUSE = new Placement(Placement.Rule.WAREHOUSE_FIRST, List.of(), 0, List.of());

    private final Path work;
    private final Consumer<String> line;
    private final Consumer<List<Stats.Figure>> table;

    LedgerBench(Path work, Consumer<String> line, Consumer<List<Stats.Figure>> table) {
        this.work = work;
        this.line = line;
        this.table = table;
    }

    /** The payload of the {@code line.allocated} entry an allocation of one unit from warehouse stock writes. */
    static String allocatedPayload(String orderId, String sku, String batch) {
        return EventJson.of(new Allocated(orderId, sku, 1, batch, null, WAREHOUSE, Cause.planner(), null, null)).data();
    }

    void run() throws Exception {
        int queries = Integer.getInteger("bench.queries", 5_000);
        line.accept("");
        line.accept(String.format("## 7. The ledger at %,d entries", ENTRIES));
        line.accept("");
        line.accept(String.format("`EventLogQuery.forOrder(id, 50)` (what `history --order` runs) and `OrderStatusQuery.of(id)`"
                + " (`order`) for random orders, in process through the application's beans, %d queries of each per run after"
                + " 2,000 of warm-up. The log: %,d entries over %,d orders (4 each: waiting, allocated, given back, allocated"
                + " elsewhere) after the batches' own, %,d SKUs of %d batches, written with JDBC in their published shape (`EventJson`); each order's"
                + " line allocated in the read tables. Size: the database's files after a CHECKPOINT, before and after the log.",
                queries, ENTRIES, ORDERS, SKUS, BATCHES_PER_SKU));
        Path db = work.resolve("ledger").resolve("desk");
        try (Bootstrap app = Bootstrap.start(new AppConfig(db))) {
            MessageBus bus = app.get(MessageBus.class);
            for (int s = 0; s < SKUS; s++) {
                for (int b = 0; b < BATCHES_PER_SKU; b++) {
                    bus.handle(new CreateBatch(batch(s, b), sku(s), 1_000_000, null));
                }
            }
            DataSource dataSource = app.get(DataSource.class);
            checkpoint(dataSource);
            long before = size(db);
            seed(dataSource);
            checkpoint(dataSource);
            long after = size(db);
            EventLogQuery history = app.get(EventLogQuery.class);
            OrderStatusQuery orders = app.get(OrderStatusQuery.class);
            Random random = new Random(7);
            for (int i = 0; i < 2_000; i++) {
                history.forOrder(order(random.nextInt(ORDERS)), 50);
                orders.of(order(random.nextInt(ORDERS)));
            }
            Stats.Figure h50 = new Stats.Figure("history of an order, p50", "µs");
            Stats.Figure h99 = new Stats.Figure("history of an order, p99", "µs (target < 200)");
            Stats.Figure o50 = new Stats.Figure("order status, p50", "µs");
            Stats.Figure o99 = new Stats.Figure("order status, p99", "µs (target < 200)");
            for (int run = 0; run < Bench.RUNS; run++) {
                long[] h = new long[queries];
                long[] o = new long[queries];
                for (int i = 0; i < queries; i++) {
                    String order = order(random.nextInt(ORDERS));
                    long t0 = System.nanoTime();
                    if (history.forOrder(order, 50).size() != 4) {
                        throw new IllegalStateException("seeded order has not 4 entries: " + order);
                    }
                    long t1 = System.nanoTime();
                    if (orders.of(order).size() != 1) {
                        throw new IllegalStateException("seeded order not found: " + order);
                    }
                    long t2 = System.nanoTime();
                    h[i] = t1 - t0;
                    o[i] = t2 - t1;
                }
                h50.add(Stats.percentile(h, 50) / 1e3);
                h99.add(Stats.percentile(h, 99) / 1e3);
                o50.add(Stats.percentile(o, 50) / 1e3);
                o99.add(Stats.percentile(o, 99) / 1e3);
            }
            Stats.Figure disk = new Stats.Figure("log on disk per 1,000,000 entries", "MB");
            disk.add((after - before) / 1_048_576.0 * 1_000_000 / ENTRIES);
            table.accept(List.of(h50, h99, o50, o99, disk));
        }
    }

    private static void seed(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement entry = c.prepareStatement("INSERT INTO event_log"
                     + " (seq, recorded_at, type, version, desk, sku, order_id, batch_reference, payload)"
                     + " VALUES (?, ?, ?, 1, 'bench@localhost', ?, ?, ?, ?)");
             PreparedStatement allocation = c.prepareStatement(
                     "INSERT INTO read_allocations (order_id, sku, quantity, batch_reference) VALUES (?, ?, 1, ?)")) {
            long firstSeq;
            try (Statement statement = c.createStatement();
                 java.sql.ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM event_log")) {
                rs.next();
                firstSeq = rs.getLong(1) + 1; // after the batches' own entries
            }
            c.setAutoCommit(false);
            OffsetDateTime at = AT.atOffset(ZoneOffset.UTC);
            int allocations = 0;
            Cause reduced = Cause.quantityChanged(batch(0, 0), 10, 0);
            for (int i = 0; i < ENTRIES; i++) {
                int o = i % ORDERS;
                int round = i / ORDERS;
                String order = order(o);
                String sku = sku(o % SKUS);
                String first = batch(o % SKUS, 0);
                String second = batch(o % SKUS, 1);
                Event event = switch (round) {
                    case 0 -> new OutOfStock(order, sku, 1, AT, 1 + o / SKUS, 0, Cause.planner());
                    case 1 -> new Allocated(order, sku, 1, first, null, WAREHOUSE, Cause.batchAdded(first), null, AT);
                    case 2 -> new Deallocated(order, sku, 1, first, AT, reduced);
                    default -> new Allocated(order, sku, 1, second, null,
                            new Placement(Placement.Rule.WAREHOUSE_FIRST, List.of(new Placement.PassedOver(first, null, 0)), 0,
                                    List.of()), reduced, first, null);
                };
                EventJson.Entry shape = EventJson.of(event);
                entry.setLong(1, firstSeq + i);
                entry.setObject(2, at);
                entry.setString(3, shape.type());
                entry.setString(4, shape.sku());
                entry.setString(5, shape.orderId());
                entry.setString(6, shape.batchReference());
                entry.setString(7, shape.data());
                entry.addBatch();
                if (round == 3) {
                    allocation.setString(1, order);
                    allocation.setString(2, sku);
                    allocation.setString(3, second);
                    allocation.addBatch();
                    allocations++;
                }
                if (i % 10_000 == 9_999 || i == ENTRIES - 1) {
                    entry.executeBatch();
                    if (allocations > 0) { // HSQLDB refuses an empty batch
                        allocation.executeBatch();
                        allocations = 0;
                    }
                    c.commit();
                }
            }
            c.setAutoCommit(true);
        }
    }

    private static void checkpoint(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute("CHECKPOINT");
        }
    }

    private static long size(Path db) throws IOException {
        try (Stream<Path> files = Files.list(db.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(db.getFileName() + "."))
                    .filter(Files::isRegularFile)
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0;
                        }
                    }).sum();
        }
    }

    private static String order(int i) {
        return "LO" + i;
    }

    private static String sku(int s) {
        return "LS" + s;
    }

    private static String batch(int s, int b) {
        return "LB" + s + "-" + b;
    }
}

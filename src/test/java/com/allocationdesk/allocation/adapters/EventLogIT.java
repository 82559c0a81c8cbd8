package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.domain.LineAlreadyPlaced;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.RebuildReadModel;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.RetryPolicy;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event log on each store: what a committed unit of work leaves, and in what order. */
@Timeout(300)
@ParameterizedClass
@EnumSource(StoreKind.class)
class EventLogIT {
    @Parameter
    StoreKind kind;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    private Store database;
    private MessageBus bus;

    @BeforeEach
    void open() {
        database = kind.fresh(folder, "desk");
        bus = HandlerRegistry.bus(Stores.unitsOfWork(database), new FakeNotifications(), Clock.systemUTC())
                .retryPolicy(new RetryPolicy(200, Duration.ofMillis(1), pause -> Thread.sleep(pause.toMillis())))
                .build();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void everyEventOfACommittedCommandIsAnEntryNumberedFromOneWithItsSubjectsAndPayload() throws Exception {
        bus.handle(new CreateBatch("WH-1", "CHAIR", 20, null));
        bus.handle(new CreateBatch("SHIP-2", "CHAIR", 10, LocalDate.of(2026, 12, 15)));
        bus.handle(new Allocate("ORD-1", "CHAIR", 8));
        bus.handle(new ChangeBatchQuantity("WH-1", 3));

        List<List<Object>> entries = TestData.rows(database,
                "SELECT seq, type, version, sku, order_id, batch_reference, desk FROM event_log ORDER BY seq");
        assertThat(entries).containsExactly(
                row(1L, "batch.created", 1, "CHAIR", null, "WH-1", "test@localhost"),
                row(2L, "batch.created", 1, "CHAIR", null, "SHIP-2", "test@localhost"),
                row(3L, "line.allocated", 1, "CHAIR", "ORD-1", "WH-1", "test@localhost"),
                row(4L, "batch.quantity_changed", 1, "CHAIR", null, "WH-1", "test@localhost"),
                row(5L, "line.deallocated", 1, "CHAIR", "ORD-1", "WH-1", "test@localhost"),
                row(6L, "line.allocated", 1, "CHAIR", "ORD-1", "SHIP-2", "test@localhost"));
        JsonNode moved = payload(6);
        assertThat(moved.get("movedFrom").asText()).isEqualTo("WH-1");
        assertThat(moved.get("rule").asText()).isEqualTo("earliest-eta");
        assertThat(moved.get("passedOver").get(0).get("batch").asText()).isEqualTo("WH-1");
        assertThat(moved.get("passedOver").get(0).get("available").asInt()).isEqualTo(3);
        assertThat(moved.get("cause").get("kind").asText()).isEqualTo("quantity-reduced");
        assertThat(moved.get("cause").get("from").asInt()).isEqualTo(20);
        assertThat(moved.get("cause").get("to").asInt()).isEqualTo(3);
        assertThat(payload(4).get("moved").get(0).get("toBatch").asText()).isEqualTo("SHIP-2");
    }

    @Test
    void aRefusedCommandLeavesNoEntryAndACancelledWaitingLineNamesNoBatch() {
        bus.handle(new CreateBatch("WH-1", "CHAIR", 5, null));
        bus.handle(new Allocate("ORD-1", "CHAIR", 8));
        long before = count();

        assertThatThrownBy(() -> bus.handle(new Allocate("ORD-1", "CHAIR", 9))).isInstanceOf(LineAlreadyPlaced.class);
        assertThat(count()).as("entries after a refused command").isEqualTo(before);

        bus.handle(new CancelLine("ORD-1", "CHAIR"));
        assertThat(TestData.rows(database, "SELECT type, order_id, batch_reference FROM event_log WHERE seq = " + count()))
                .containsExactly(row("line.cancelled", "ORD-1", null));
    }

    @Test
    void rebuildingTheReadTablesNeverTouchesTheLog() {
        bus.handle(new CreateBatch("WH-1", "CHAIR", 5, null));
        bus.handle(new Allocate("ORD-1", "CHAIR", 2));
        List<List<Object>> before = TestData.rows(database, "SELECT * FROM event_log ORDER BY seq");

        bus.handle(new RebuildReadModel());

        assertThat(TestData.rows(database, "SELECT * FROM event_log ORDER BY seq")).isEqualTo(before);
    }

    /**
     * Writers on several threads (some on the same SKU, so conflicts are retried), and a reader that
     * keeps asking for what came after the last number it saw: it must never find a gap that a late
     * commit fills afterwards, so every answer continues exactly where the previous one ended.
     */
    @Test
    void aReaderResumingAfterTheLastNumberItSawNeverMissesAnEntryWhileWritersRunConcurrently() throws Exception {
        for (String sku : List.of("A", "B", "C")) {
            bus.handle(new CreateBatch("WH-" + sku, sku, 1_000, null));
        }
        long start = count();
        int threads = 4;
        int linesPerThread = 60;
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Long> seen = new ArrayList<>();
        try (Workers pool = new Workers("event-log", threads + 1)) {
            Future<?> reader = pool.submit(() -> {
                long last = start;
                try (Connection connection = database.dataSource().getConnection();
                     PreparedStatement after = connection.prepareStatement(
                             "SELECT seq FROM event_log WHERE seq > ? ORDER BY seq")) {
                    // until the writers are done (or the test stops it)
                    while (!Thread.currentThread().isInterrupted()) {
                        boolean lastRound = !writing.get();
                        after.setLong(1, last);
                        try (ResultSet rs = after.executeQuery()) {
                            while (rs.next()) {
                                long seq = rs.getLong(1);
                                assertThat(seq).as("the entry after %d", last).isEqualTo(last + 1);
                                seen.add(seq);
                                last = seq;
                            }
                        }
                        if (lastRound) {
                            return null;
                        }
                    }
                    throw new InterruptedException("the reader was stopped before the writers were done");
                }
            });
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < linesPerThread; i++) {
                            String sku = List.of("A", "B", "C").get((thread + i) % 3);
                            bus.handle(new Allocate("t" + thread + "-" + i, sku, 1));
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }
            } finally {
                writing.set(false); // also when a writer failed: the reader's next round is its last
            }
            reader.get();
        }
        assertThat(seen).hasSize(threads * linesPerThread);
        assertThat(count()).isEqualTo(start + threads * linesPerThread);
    }

    @Test
    void historyOfAnOrderABatchOrASkuIsARangeScanOnItsIndex() throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            if (kind == StoreKind.POSTGRESQL) {
                // the plan of a near-empty table is a sequential scan; with none allowed, the index must serve it
                statement.execute("SET enable_seqscan = off");
            }
            for (String[] query : new String[][] {
                    {"order_id", "event_log_order_ix"}, {"batch_reference", "event_log_batch_ix"}, {"sku", "event_log_sku_ix"}}) {
                String sql = "SELECT seq, payload FROM event_log WHERE " + query[0] + " = 'X' ORDER BY seq DESC"
                        + " FETCH FIRST 50 ROWS ONLY";
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = statement.executeQuery((kind == StoreKind.HSQLDB ? "EXPLAIN PLAN FOR " : "EXPLAIN ") + sql)) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertThat(plan.toString().toLowerCase(java.util.Locale.ROOT)).as("plan for %s", query[0])
                        .contains(kind == StoreKind.HSQLDB ? "index=" + query[1] : "index scan backward using " + query[1]);
            }
        }
    }

    private static List<Object> row(Object... values) {
        return java.util.Arrays.asList(values);
    }

    private long count() {
        return ((Number) TestData.rows(database, "SELECT COUNT(*) FROM event_log").get(0).get(0)).longValue();
    }

    private JsonNode payload(long seq) throws Exception {
        return JSON.readTree((String) TestData.rows(database, "SELECT payload FROM event_log WHERE seq = " + seq).get(0).get(0));
    }
}

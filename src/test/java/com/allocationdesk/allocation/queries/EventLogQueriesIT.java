package com.allocationdesk.allocation.queries;

import com.allocationdesk.allocation.adapters.AppOnStore;
import com.allocationdesk.allocation.adapters.StoreKind;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.queries.OrderLineStatusRow.State;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's read side against a real database: the read tables filled through the bus, the
 * {@code event_log} rows written here with JDBC exactly as docs/EVENTS.md describes them (so the
 * test pins the contract, not whatever the writer does today).
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class EventLogQueriesIT {
    @Parameter
    StoreKind kind;
    private AppOnStore desk;
    static final Instant T0 = Instant.parse("2026-12-01T14:00:00Z");
    static final String PLANNER = "{\"kind\":\"planner\",\"batch\":null,\"order\":null,\"from\":null,\"to\":null}";
    static final String REDUCED = "{\"kind\":\"quantity-reduced\",\"batch\":\"WH-CHAIR-01\",\"order\":null,\"from\":20,\"to\":3}";

    @TempDir
    Path dir;
    private Bootstrap app;

    @BeforeEach
    void start() throws SQLException {
        desk = AppOnStore.start(kind, dir);
        app = desk.app();
        fill(app);
    }

    /** The read tables through the bus, then the log as docs/EVENTS.md describes it (also used by the CLI tests). */
    static void fill(Bootstrap app) throws SQLException {
        MessageBus bus = app.get(MessageBus.class);
        bus.handle(new CreateBatch("WH-CHAIR-01", "CHAIR", 20, null));
        bus.handle(new CreateBatch("SHIP-CHAIR-02", "CHAIR", 20, LocalDate.of(2026, 12, 15)));
        bus.handle(new Allocate("ORD-1001", "CHAIR", 8));
        bus.handle(new ChangeBatchQuantity("WH-CHAIR-01", 3));
        bus.handle(new CreateBatch("LAMP-1", "LAMP", 2, null));
        bus.handle(new Allocate("ORD-2", "LAMP", 5));
        bus.handle(new Allocate("ORD-3", "LAMP", 5));
        bus.handle(new Allocate("ORD-1001", "LAMP", 1));
        bus.handle(new CancelLine("ORD-1001", "LAMP"));

        try (Connection c = app.get(DataSource.class).getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM event_log"); // whatever a writer logged: this test states the entries itself
            }
            insert(c, 1, "batch.created", "CHAIR", null, "WH-CHAIR-01",
                    "{\"batch\":\"WH-CHAIR-01\",\"sku\":\"CHAIR\",\"quantity\":20,\"eta\":null}");
            insert(c, 2, "batch.created", "CHAIR", null, "SHIP-CHAIR-02",
                    "{\"batch\":\"SHIP-CHAIR-02\",\"sku\":\"CHAIR\",\"quantity\":20,\"eta\":\"2026-12-15\"}");
            insert(c, 3, "line.allocated", "CHAIR", "ORD-1001", "WH-CHAIR-01",
                    "{\"order\":\"ORD-1001\",\"sku\":\"CHAIR\",\"quantity\":8,\"batch\":\"WH-CHAIR-01\",\"eta\":null,"
                            + "\"rule\":\"warehouse-first\",\"passedOver\":[],\"passedOverMore\":0,\"tiedWith\":[],"
                            + "\"cause\":" + PLANNER + ",\"movedFrom\":null,\"waitedSince\":null}");
            insert(c, 4, "line.deallocated", "CHAIR", "ORD-1001", "WH-CHAIR-01",
                    "{\"order\":\"ORD-1001\",\"sku\":\"CHAIR\",\"quantity\":8,\"batch\":\"WH-CHAIR-01\","
                            + "\"waitingSince\":\"2026-12-01T14:04:00Z\",\"cause\":" + REDUCED + "}");
            insert(c, 5, "line.allocated", "CHAIR", "ORD-1001", "SHIP-CHAIR-02",
                    "{\"order\":\"ORD-1001\",\"sku\":\"CHAIR\",\"quantity\":8,\"batch\":\"SHIP-CHAIR-02\",\"eta\":\"2026-12-15\","
                            + "\"rule\":\"earliest-eta\",\"passedOver\":[{\"batch\":\"WH-CHAIR-01\",\"eta\":null,\"available\":3}],"
                            + "\"passedOverMore\":0,\"tiedWith\":[],\"cause\":" + REDUCED + ",\"movedFrom\":\"WH-CHAIR-01\","
                            + "\"waitedSince\":null}");
            insert(c, 6, "batch.quantity_changed", "CHAIR", null, "WH-CHAIR-01",
                    "{\"batch\":\"WH-CHAIR-01\",\"sku\":\"CHAIR\",\"from\":20,\"to\":3,\"moved\":["
                            + "{\"order\":\"ORD-1001\",\"quantity\":8,\"toBatch\":\"SHIP-CHAIR-02\",\"waitingPosition\":null}]}");
            insert(c, 7, "line.allocated", "LAMP", "ORD-1001", "LAMP-1",
                    "{\"order\":\"ORD-1001\",\"sku\":\"LAMP\",\"quantity\":1,\"batch\":\"LAMP-1\",\"eta\":null,"
                            + "\"rule\":\"warehouse-first\",\"passedOver\":[],\"passedOverMore\":0,\"tiedWith\":[],"
                            + "\"cause\":" + PLANNER + ",\"movedFrom\":null,\"waitedSince\":null}");
            insert(c, 8, "line.cancelled", "LAMP", "ORD-1001", "LAMP-1",
                    "{\"order\":\"ORD-1001\",\"sku\":\"LAMP\",\"quantity\":1,\"batch\":\"LAMP-1\"}");
        }
    }

    static Instant at(long seq) {
        return T0.plus(seq, ChronoUnit.MINUTES).plusNanos(123_456_000);
    }

    private static void insert(Connection c, long seq, String type, String sku, String order, String batch, String data)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO event_log (seq, recorded_at, type, version, desk, sku,"
                + " order_id, batch_reference, payload) VALUES (?, ?, ?, 1, 'anna@desk-3', ?, ?, ?, ?)")) {
            s.setLong(1, seq);
            s.setObject(2, OffsetDateTime.ofInstant(at(seq), ZoneOffset.UTC));
            s.setString(3, type);
            s.setString(4, sku);
            s.setString(5, order);
            s.setString(6, batch);
            s.setString(7, data);
            s.executeUpdate();
        }
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    private static List<Long> seqs(List<LogEntryRow> rows) {
        return rows.stream().map(LogEntryRow::seq).toList();
    }

    @Test
    void anOrderABatchOrASkuNewestLastAndTheLastNOfThem() {
        EventLogQuery log = app.get(EventLogQuery.class);

        assertThat(seqs(log.forOrder("ORD-1001", 50))).containsExactly(3L, 4L, 5L, 7L, 8L);
        assertThat(seqs(log.forOrder("ORD-1001", 2))).containsExactly(7L, 8L);
        assertThat(seqs(log.forBatch("WH-CHAIR-01", 50))).containsExactly(1L, 3L, 4L, 6L);
        assertThat(seqs(log.forSku("CHAIR", 3))).containsExactly(4L, 5L, 6L);
        assertThat(log.forOrder("ORD-NONE", 50)).isEmpty();
        assertThat(log.forSku("chair", 50)).as("exact SKU").isEmpty();
        assertThat(log.forOrder("ORD-1001", 0)).isEmpty();
        assertThat(seqs(log.forLine("ORD-1001", "CHAIR", 50))).as("one line of the order").containsExactly(3L, 4L, 5L);
        assertThat(seqs(log.forLine("ORD-1001", "LAMP", 1))).as("its last entry").containsExactly(8L);
        assertThat(log.forLine("ORD-1001", "SOFA", 50)).isEmpty();
    }

    @Test
    void afterASequenceNumberInSequenceOrder() {
        EventLogQuery log = app.get(EventLogQuery.class);

        assertThat(seqs(log.after(0, 100))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(seqs(log.after(5, 2))).containsExactly(6L, 7L);
        assertThat(log.after(8, 100)).isEmpty();
        assertThat(log.after(0, 0)).isEmpty();
    }

    @Test
    void anEntryCarriesItsEnvelopeAndItsJson() {
        assertThat(app.get(EventLogQuery.class).after(7, 1)).containsExactly(new LogEntryRow(8, at(8), "line.cancelled", 1,
                "anna@desk-3", "LAMP", "ORD-1001", "LAMP-1",
                "{\"order\":\"ORD-1001\",\"sku\":\"LAMP\",\"quantity\":1,\"batch\":\"LAMP-1\"}"));
    }

    @Test
    void theOrdersHistoryToldInSentences() {
        List<String> told = new HistorySentences(ZoneId.of("UTC")).tell(app.get(EventLogQuery.class).forOrder("ORD-1001", 50));

        assertThat(told).containsExactly(
                "2026-12-01 14:03 ORD-1001 8 × CHAIR allocated to WH-CHAIR-01 (warehouse stock)",
                "2026-12-01 14:05 ORD-1001 8 × CHAIR moved from WH-CHAIR-01 to SHIP-CHAIR-02 (ETA 2026-12-15):"
                        + " WH-CHAIR-01 was reduced from 20 to 3",
                "2026-12-01 14:07 ORD-1001 1 × LAMP allocated to LAMP-1 (warehouse stock)",
                "2026-12-01 14:08 ORD-1001 1 × LAMP cancelled, freeing its place in LAMP-1");
        assertThat(new HistorySentences(ZoneId.of("UTC")).tell(app.get(EventLogQuery.class).forBatch("WH-CHAIR-01", 50)))
                .containsExactly(
                        "2026-12-01 14:01 WH-CHAIR-01 20 × CHAIR arrived in the warehouse",
                        "2026-12-01 14:03 ORD-1001 8 × CHAIR allocated to WH-CHAIR-01 (warehouse stock)",
                        "2026-12-01 14:04 ORD-1001 8 × CHAIR left WH-CHAIR-01: WH-CHAIR-01 was reduced from 20 to 3",
                        "2026-12-01 14:06 WH-CHAIR-01 reduced from 20 to 3: 1 line moved to SHIP-CHAIR-02");
    }

    @Test
    void anOrdersLinesAllocatedAndCancelledWithSinceAndWhy() {
        List<OrderLineStatusRow> lines = app.get(OrderStatusQuery.class).of("ORD-1001");
        String why = app.get(HistorySentences.class).sentence(app.get(EventLogQuery.class).after(4, 1).get(0));

        assertThat(lines).containsExactly(
                new OrderLineStatusRow("ORD-1001", "CHAIR", 8, State.ALLOCATED, "SHIP-CHAIR-02", LocalDate.of(2026, 12, 15),
                        at(5), null, null, why),
                new OrderLineStatusRow("ORD-1001", "LAMP", 1, State.CANCELLED, "LAMP-1", null, at(8), null, null,
                        app.get(HistorySentences.class).sentence(app.get(EventLogQuery.class).after(7, 1).get(0))));
        assertThat(why).contains("moved from WH-CHAIR-01 to SHIP-CHAIR-02 (ETA 2026-12-15)");
    }

    @Test
    void waitingLinesHaveTheirPlaceInTheQueueAndTheLargestFreeStock() {
        WaitingRow first = app.get(WaitingQuery.class).forOrder("ORD-2").get(0);
        WaitingRow second = app.get(WaitingQuery.class).forOrder("ORD-3").get(0);

        assertThat(app.get(OrderStatusQuery.class).of("ORD-2")).containsExactly(new OrderLineStatusRow("ORD-2", "LAMP", 5,
                State.WAITING, null, null, first.since(), 1, 2,
                "waits for stock, position 1 in the LAMP queue; needs 5, at most 2 free in one batch"));
        assertThat(app.get(OrderStatusQuery.class).of("ORD-3")).singleElement().satisfies(line -> {
            assertThat(line.position()).isEqualTo(2);
            assertThat(line.since()).isEqualTo(second.since());
        });
    }

    @Test
    void anOrderNoLineOfWhichWasEverPlacedHasNoLines() {
        assertThat(app.get(OrderStatusQuery.class).of("ORD-NONE")).isEmpty();
    }
}

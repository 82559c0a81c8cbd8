package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.DomainException;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.MarkNotificationsRead;
import com.allocationdesk.allocation.domain.commands.RebuildReadModel;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The read-model projection over fakes: what the events write equals what a rebuild computes. */
class ReadModelProjectionTest {
    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private FakeUnitOfWork.Store store;
    private MessageBus bus;

    @BeforeEach
    void buildBus() {
        store = new FakeUnitOfWork.Store();
        bus = HandlerRegistry.bus(store, new FakeNotifications(), clock).build();
    }

    private List<Map<String, ?>> projectedThenRebuilt() {
        List<Map<String, ?>> projected = store.readModel().tables();
        List<FakeReadModel.NotificationRow> alerts = List.copyOf(store.readModel().notifications);
        assertOneOpenAlertPerWaitingLine();
        bus.handle(new RebuildReadModel());
        assertThat(store.readModel().tables()).as("rebuilt from the write model").isEqualTo(projected);
        assertThat(store.readModel().notifications).as("the projected alerts were already true").isEqualTo(alerts);
        return projected;
    }

    /** The open alerts are exactly the waiting lines, one each. */
    private void assertOneOpenAlertPerWaitingLine() {
        Map<String, Long> oneEach = new TreeMap<>();
        store.readModel().waiting.keySet().forEach(line -> oneEach.put(line, 1L));
        assertThat(store.readModel().openAlerts()).isEqualTo(oneEach);
    }

    private FakeReadModel.NotificationRow onlyAlertOf(String orderId) {
        List<FakeReadModel.NotificationRow> alerts = store.readModel().notifications.stream()
                .filter(n -> n.orderId().equals(orderId)).toList();
        assertThat(alerts).as("the alerts of " + orderId).hasSize(1);
        return alerts.get(0);
    }

    @Test
    void anAlertIsOpenWhileItsLineWaitsAndResolvedWithTheBatchThatServesIt() {
        bus.handle(new CreateBatch("b1", "LAMP", 1, null));
        bus.handle(new Allocate("o1", "LAMP", 3));
        assertThat(onlyAlertOf("o1").open()).isTrue();
        clock.advance(Duration.ofMinutes(5));

        bus.handle(new CreateBatch("B2", "LAMP", 5, null));

        assertThat(onlyAlertOf("o1")).isEqualTo(new FakeReadModel.NotificationRow(START, "LAMP", "o1", 3, false,
                "ALLOCATED", "B2", START.plus(Duration.ofMinutes(5))));
        projectedThenRebuilt();
    }

    @Test
    void aRaisedQuantityResolvesTheAlertsOfTheLinesItServes() {
        bus.handle(new CreateBatch("b1", "LAMP", 1, null));
        bus.handle(new Allocate("o1", "LAMP", 3));
        bus.handle(new Allocate("o2", "LAMP", 30));

        bus.handle(new ChangeBatchQuantity("b1", 4));

        assertThat(onlyAlertOf("o1").resolution()).isEqualTo("ALLOCATED");
        assertThat(onlyAlertOf("o1").batch()).isEqualTo("b1");
        assertThat(onlyAlertOf("o2").open()).isTrue();
        projectedThenRebuilt();
    }

    @Test
    void cancellingAWaitingLineResolvesItsAlertAsCancelled() {
        bus.handle(new CreateBatch("b1", "LAMP", 1, null));
        bus.handle(new Allocate("o1", "LAMP", 3));

        bus.handle(new CancelLine("o1", "LAMP"));

        assertThat(onlyAlertOf("o1").resolution()).isEqualTo("CANCELLED");
        assertThat(onlyAlertOf("o1").batch()).isNull();
        assertThat(onlyAlertOf("o1").resolvedAt()).isEqualTo(START);
        projectedThenRebuilt();
    }

    @Test
    void aLineToldOutOfStockAgainKeepsItsOneOpenAlert() {
        bus.handle(new CreateBatch("b1", "LAMP", 1, null));
        bus.handle(new Allocate("o1", "LAMP", 3));
        clock.advance(Duration.ofMinutes(1));

        bus.handle(new Allocate("o1", "LAMP", 3));
        bus.handle(new AllocateLines(List.of(new Allocate("o1", "LAMP", 3))));

        assertThat(onlyAlertOf("o1").open()).isTrue();
        projectedThenRebuilt();
    }

    @Test
    void aLineThatWaitsAgainAfterItWasServedGetsANewOpenAlertBesideItsResolvedOne() {
        bus.handle(new CreateBatch("b1", "LAMP", 1, null));
        bus.handle(new Allocate("o1", "LAMP", 3));
        bus.handle(new ChangeBatchQuantity("b1", 3));

        bus.handle(new ChangeBatchQuantity("b1", 1));

        assertThat(store.readModel().notifications).extracting(FakeReadModel.NotificationRow::resolution)
                .containsExactly("ALLOCATED", null);
        projectedThenRebuilt();
    }

    @Test
    void rebuildMakesDriftedAlertsTrueAndKeepsThemAsHistory() {
        bus.handle(new CreateBatch("b1", "LAMP", 2, null));
        bus.handle(new Allocate("o1", "LAMP", 2));
        bus.handle(new Allocate("o2", "LAMP", 3));
        bus.handle(new Allocate("o3", "LAMP", 4));
        FakeReadModel readModel = store.readModel();
        // as an older version left them: o1 is allocated but told waiting, o2 told twice, o3 never
        readModel.notifications.clear();
        readModel.notifications.add(new FakeReadModel.NotificationRow(START, "LAMP", "o1", 2, true));
        readModel.notifications.add(new FakeReadModel.NotificationRow(START, "LAMP", "o2", 3, false));
        readModel.notifications.add(new FakeReadModel.NotificationRow(START, "LAMP", "o2", 3, false));
        readModel.notifications.add(new FakeReadModel.NotificationRow(START, "LAMP", "gone", 1, false));
        clock.advance(Duration.ofHours(1));
        Instant now = clock.instant();

        bus.handle(new RebuildReadModel());

        assertThat(readModel.notifications).containsExactly(
                new FakeReadModel.NotificationRow(START, "LAMP", "o1", 2, true, "ALLOCATED", "b1", now),
                new FakeReadModel.NotificationRow(START, "LAMP", "o2", 3, false, "SUPERSEDED", null, now),
                new FakeReadModel.NotificationRow(START, "LAMP", "o2", 3, false),
                new FakeReadModel.NotificationRow(START, "LAMP", "gone", 1, false, "CANCELLED", null, now),
                new FakeReadModel.NotificationRow(now, "LAMP", "o3", 4, false));
        assertOneOpenAlertPerWaitingLine();
    }

    @Test
    void showsABatchWithItsAllocationsAndWaitingLines() {
        bus.handle(new CreateBatch("b1", "LAMP", 10, null));
        bus.handle(new Allocate("o1", "LAMP", 7));
        bus.handle(new Allocate("o2", "LAMP", 7));

        assertThat(store.readModel().batches.get("b1")).isEqualTo(new FakeReadModel.BatchRow("LAMP", null, 10, 7));
        assertThat(store.readModel().allocations).containsExactly(Map.entry("o1/LAMP", new FakeReadModel.AllocationRow(7, "b1")));
        assertThat(store.readModel().waiting).containsExactly(Map.entry("o2/LAMP", new FakeReadModel.WaitingRow(7, START)));
        assertThat(store.readModel().notifications).singleElement()
                .isEqualTo(new FakeReadModel.NotificationRow(START, "LAMP", "o2", 7, false));
        projectedThenRebuilt();
    }

    @Test
    void aShrinkingBatchMovesLinesAndTheViewsFollow() {
        bus.handle(new CreateBatch("warehouse", "LAMP", 10, null));
        bus.handle(new CreateBatch("ship", "LAMP", 5, LocalDate.of(2027, 1, 1)));
        bus.handle(new Allocate("o1", "LAMP", 6));
        bus.handle(new Allocate("o2", "LAMP", 4));
        clock.advance(Duration.ofMinutes(3));

        bus.handle(new ChangeBatchQuantity("warehouse", 6));

        assertThat(store.readModel().allocations).containsEntry("o2/LAMP", new FakeReadModel.AllocationRow(4, "ship"));
        assertThat(store.readModel().batches.get("warehouse").allocated()).isEqualTo(6);
        assertThat(store.readModel().batches.get("ship").allocated()).isEqualTo(4);
        projectedThenRebuilt();
    }

    @Test
    void cancellingALineRemovesItFromTheReadModel() {
        bus.handle(new CreateBatch("b1", "LAMP", 1, null));
        bus.handle(new Allocate("o1", "LAMP", 1));
        bus.handle(new Allocate("o2", "LAMP", 3));

        bus.handle(new CancelLine("o1", "LAMP"));
        bus.handle(new CancelLine("o2", "LAMP"));

        assertThat(store.readModel().allocations).isEmpty();
        assertThat(store.readModel().waiting).isEmpty();
        assertThat(store.readModel().batches.get("b1").allocated()).isZero();
        projectedThenRebuilt();
    }

    @Test
    void markingNotificationsReadKeepsThemAsHistory() {
        bus.handle(new CreateBatch("b1", "LAMP", 1, null));
        bus.handle(new Allocate("o1", "LAMP", 3));

        bus.handle(new MarkNotificationsRead());

        assertThat(store.readModel().notifications).singleElement().extracting(FakeReadModel.NotificationRow::read).isEqualTo(true);
    }

    @Test
    void rebuildRepairsADriftedReadModel() {
        bus.handle(new CreateBatch("b1", "LAMP", 10, null));
        bus.handle(new Allocate("o1", "LAMP", 2));
        List<Map<String, ?>> good = store.readModel().tables();
        store.readModel().allocations.put("o1/LAMP", new FakeReadModel.AllocationRow(99, "nowhere"));
        store.readModel().batches.remove("b1");

        bus.handle(new RebuildReadModel());

        assertThat(store.readModel().tables()).isEqualTo(good);
    }

    @Test
    void randomWorkAlwaysLeavesTheProjectedViewsEqualToARebuild() {
        Random random = new Random(7);
        bus.handle(new CreateBatch("b0", "LAMP", 20, null));
        int batches = 1;
        for (int step = 0; step < 200; step++) {
            try {
                switch (random.nextInt(4)) {
                    case 0 -> bus.handle(new Allocate("o" + random.nextInt(30), "LAMP", 1 + random.nextInt(6)));
                    case 1 -> bus.handle(new ChangeBatchQuantity("b" + random.nextInt(batches), random.nextInt(25)));
                    case 2 -> bus.handle(new CreateBatch("b" + batches++, "LAMP", 1 + random.nextInt(10),
                            random.nextBoolean() ? null : LocalDate.of(2027, 1, 1 + random.nextInt(20))));
                    default -> bus.handle(new CancelLine("o" + random.nextInt(30), "LAMP"));
                }
            } catch (DomainException rejected) {
                // a rule said no; the read model must still be right
            }
            clock.advance(Duration.ofSeconds(1));
        }
        projectedThenRebuilt();
    }

    @Test
    void aLineWhoseQuantityChangesIsShownWithItsNewQuantityWhereverItNowIs() {
        bus.handle(new CreateBatch("warehouse", "LAMP", 10, null));
        bus.handle(new CreateBatch("ship", "LAMP", 8, LocalDate.of(2027, 1, 1)));
        bus.handle(new Allocate("o1", "LAMP", 4));
        bus.handle(new Allocate("o2", "LAMP", 6));
        bus.handle(new Allocate("o3", "LAMP", 9));
        bus.handle(new Allocate("o4", "LAMP", 20));

        bus.handle(new com.allocationdesk.allocation.domain.commands.ChangeLineQuantity("o1", "LAMP", 3));
        bus.handle(new com.allocationdesk.allocation.domain.commands.ChangeLineQuantity("o2", "LAMP", 7));
        bus.handle(new com.allocationdesk.allocation.domain.commands.ChangeLineQuantity("o3", "LAMP", 12));
        bus.handle(new com.allocationdesk.allocation.domain.commands.ChangeLineQuantity("o4", "LAMP", 25));

        assertThat(store.readModel().allocations).containsOnly(
                Map.entry("o1/LAMP", new FakeReadModel.AllocationRow(3, "warehouse")),
                Map.entry("o2/LAMP", new FakeReadModel.AllocationRow(7, "warehouse")));
        assertThat(store.readModel().waiting).containsOnly(
                Map.entry("o3/LAMP", new FakeReadModel.WaitingRow(12, START)),
                Map.entry("o4/LAMP", new FakeReadModel.WaitingRow(25, START)));
        assertThat(store.readModel().notifications.stream().filter(FakeReadModel.NotificationRow::open)
                .map(FakeReadModel.NotificationRow::quantity)).containsExactlyInAnyOrder(12, 25);
        projectedThenRebuilt();
    }
}

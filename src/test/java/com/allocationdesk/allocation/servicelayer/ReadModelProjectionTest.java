package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.DomainException;
import com.allocationdesk.allocation.domain.commands.Allocate;
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
        bus.handle(new RebuildReadModel());
        assertThat(store.readModel().tables()).as("rebuilt from the write model").isEqualTo(projected);
        return projected;
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
}

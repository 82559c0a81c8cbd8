package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.events.Cause;
import com.allocationdesk.allocation.domain.DuplicateBatch;
import com.allocationdesk.allocation.domain.InvalidCommand;
import com.allocationdesk.allocation.domain.InvalidSku;
import com.allocationdesk.allocation.domain.LineAlreadyPlaced;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.CreateBatches;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bulk commands behind the CSV imports: one unit of work per chunk, and safe to re-run. */
class BulkCommandsWithFakesTest {
    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final FakeNotifications notifications = new FakeNotifications();
    private FakeUnitOfWork.Store store;
    private MessageBus bus;

    @BeforeEach
    void buildBus() {
        store = new FakeUnitOfWork.Store();
        bus = HandlerRegistry.bus(store, notifications, clock).build();
    }

    private int available(String reference) {
        FakeReadModel.BatchRow row = store.readModel().batches.get(reference);
        return row.purchased() - row.allocated();
    }

    @Nested
    class AllocatingManyLines {
        @BeforeEach
        void stock() {
            bus.handle(new CreateBatch("lamps", "LAMP", 10, null));
            bus.handle(new CreateBatch("tables", "TABLE", 5, null));
        }

        @Test
        void allocatesEveryLineOfTheChunkInOneCommittedUnitOfWork() {
            int before = store.started().size();

            List<Optional<String>> result = bus.handle(new AllocateLines(List.of(
                    new Allocate("o1", "LAMP", 4), new Allocate("o1", "TABLE", 2), new Allocate("o2", "LAMP", 6))));

            assertThat(result).containsExactly(Optional.of("lamps"), Optional.of("tables"), Optional.of("lamps"));
            assertThat(store.started().subList(before, store.started().size())).singleElement()
                    .satisfies(uow -> assertThat(uow.committed()).isTrue());
            assertThat(available("lamps")).isZero();
            assertThat(store.readModel().allocations).containsKeys("o1/LAMP", "o1/TABLE", "o2/LAMP");
        }

        @Test
        void aLineWithoutStockWaitsAndThePlannerIsToldAsForASingleLine() {
            List<Optional<String>> result = bus.handle(new AllocateLines(List.of(
                    new Allocate("o1", "LAMP", 10), new Allocate("o2", "LAMP", 1))));

            assertThat(result).containsExactly(Optional.of("lamps"), Optional.empty());
            assertThat(notifications.sent()).containsExactly(new OutOfStock("o2", "LAMP", 1, START, 1, 0, Cause.planner()));
            assertThat(store.readModel().waiting).containsKey("o2/LAMP");
            assertThat(store.readModel().notifications).hasSize(1);
        }

        @Test
        void reRunningAnInterruptedImportFinishesItWithoutDoublingAnything() {
            List<Allocate> file = List.of(new Allocate("o1", "LAMP", 3), new Allocate("o2", "LAMP", 3),
                    new Allocate("o3", "LAMP", 3), new Allocate("o4", "LAMP", 3));
            bus.handle(new AllocateLines(file.subList(0, 2)));   // the first chunk committed, then the import died

            List<Optional<String>> rerun = bus.handle(new AllocateLines(file));

            assertThat(rerun).containsExactly(Optional.of("lamps"), Optional.of("lamps"), Optional.of("lamps"),
                    Optional.empty());
            assertThat(available("lamps")).isEqualTo(1);
            assertThat(store.readModel().allocations).containsOnlyKeys("o1/LAMP", "o2/LAMP", "o3/LAMP");
            assertThat(store.readModel().waiting).containsOnlyKeys("o4/LAMP");

            bus.handle(new AllocateLines(file));

            assertThat(available("lamps")).isEqualTo(1);
            assertThat(store.readModel().allocations).hasSize(3);
            assertThat(store.readModel().waiting).containsOnlyKeys("o4/LAMP");
            // each attempt on a line that still waits reminds the planner, with the original waiting time
            assertThat(notifications.sent()).extracting(OutOfStock::since).containsOnly(START);
        }

        @Test
        void aRuleSayingNoToOneLineKeepsNoneOfTheChunk() {
            bus.handle(new Allocate("o1", "LAMP", 2));
            int before = store.started().size();

            assertThatThrownBy(() -> bus.handle(new AllocateLines(List.of(
                    new Allocate("o2", "LAMP", 1), new Allocate("o1", "LAMP", 5)))))
                    .isInstanceOf(LineAlreadyPlaced.class);
            assertThatThrownBy(() -> bus.handle(new AllocateLines(List.of(new Allocate("o3", "NOPE", 1)))))
                    .isInstanceOf(InvalidSku.class);

            assertThat(store.started().subList(before, store.started().size()))
                    .allSatisfy(uow -> assertThat(uow.committed()).isFalse());
        }

        @Test
        void refusesAnEmptyChunk() {
            assertThatThrownBy(() -> new AllocateLines(List.of())).isInstanceOf(InvalidCommand.class);
        }
    }

    @Nested
    class CreatingManyBatches {
        @Test
        void createsEveryBatchInOneCommittedUnitOfWork() {
            int created = bus.handle(new CreateBatches(List.of(new CreateBatch("b1", "LAMP", 10, null),
                    new CreateBatch("b2", "LAMP", 5, LocalDate.of(2027, 1, 2)), new CreateBatch("b3", "TABLE", 1, null))));

            assertThat(created).isEqualTo(3);
            assertThat(store.started()).singleElement().satisfies(uow -> assertThat(uow.committed()).isTrue());
            assertThat(store.readModel().batches).containsOnlyKeys("b1", "b2", "b3");
        }

        @Test
        void skipsBatchesThatAlreadyExistIdenticallySoAReRunCompletes() {
            List<CreateBatch> file = List.of(new CreateBatch("b1", "LAMP", 10, null),
                    new CreateBatch("b2", "LAMP", 5, LocalDate.of(2027, 1, 2)));
            bus.handle(new CreateBatches(file.subList(0, 1)));

            int created = bus.handle(new CreateBatches(file));

            assertThat(created).isEqualTo(1);
            assertThat(store.readModel().batches).containsOnlyKeys("b1", "b2");
            assertThat(store.readModel().batches.get("b1").purchased()).isEqualTo(10);
        }

        @Test
        void aConflictingExistingBatchRejectsTheWholeChunk() {
            bus.handle(new CreateBatch("b1", "LAMP", 10, null));

            assertThatThrownBy(() -> bus.handle(new CreateBatches(List.of(new CreateBatch("b9", "LAMP", 1, null),
                    new CreateBatch("b1", "LAMP", 11, null))))).isInstanceOf(DuplicateBatch.class);

            assertThat(store.started().get(store.started().size() - 1).committed()).isFalse();
        }

        @Test
        void newStockGoesToWaitingLinesAsWithSingleBatches() {
            bus.handle(new CreateBatch("b1", "LAMP", 1, null));
            bus.handle(new Allocate("o1", "LAMP", 5));

            bus.handle(new CreateBatches(List.of(new CreateBatch("b2", "LAMP", 5, null))));

            assertThat(store.readModel().allocations).containsKey("o1/LAMP");
            assertThat(store.readModel().waiting).isEmpty();
        }
    }
}

package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.events.Cause;
import com.allocationdesk.allocation.domain.DuplicateBatch;
import com.allocationdesk.allocation.domain.InvalidSku;
import com.allocationdesk.allocation.domain.LineAlreadyPlaced;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.UnknownBatch;
import com.allocationdesk.allocation.domain.UnknownOrderLine;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.ChangeLineQuantity;
import com.allocationdesk.allocation.domain.InvalidCommand;
import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.domain.commands.CreateBatches;
import com.allocationdesk.allocation.domain.commands.TakeInboxChunk;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.domain.Consequences;
import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.domain.events.LineCancelled;
import com.allocationdesk.allocation.domain.events.LineQuantityChanged;
import com.allocationdesk.allocation.domain.events.LineMove;
import com.allocationdesk.allocation.domain.events.Placement;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The allocation rules, driven through the message bus as the application drives them. Runs once
 * over fakes and once over the real database (subclasses say which), which proves the two behave
 * alike.
 */
public abstract class AllocationRulesContract {
    protected static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    protected static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

    protected final MutableClock clock = new MutableClock(START);
    protected final FakeNotifications notifications = new FakeNotifications();
    protected MessageBus bus;
    private UnitOfWork.Factory unitsOfWork;

    /** A fresh, empty store for each test. */
    protected abstract UnitOfWork.Factory newUnitsOfWork();

    /** Units of work the bus has started (reads of the tests themselves are not counted). */
    protected final AtomicInteger busUnitsOfWork = new AtomicInteger();

    @BeforeEach
    void buildBus() {
        unitsOfWork = newUnitsOfWork();
        UnitOfWork.Factory counted = () -> {
            busUnitsOfWork.incrementAndGet();
            return unitsOfWork.start();
        };
        bus = HandlerRegistry.bus(counted, notifications, clock)
                .event(BatchCreated.class, (event, context) -> seen.add(event))
                .event(BatchQuantityChanged.class, (event, context) -> seen.add(event))
                .event(Allocated.class, (event, context) -> seen.add(event))
                .event(Deallocated.class, (event, context) -> seen.add(event))
                .event(LineCancelled.class, (event, context) -> seen.add(event))
                .event(OutOfStock.class, (event, context) -> seen.add(event))
                .event(LineQuantityChanged.class, (event, context) -> seen.add(event))
                .build();
    }

    /** The events the bus handed to its event handlers, in order (after the commit that recorded them). */
    protected final List<Event> seen = new CopyOnWriteArrayList<>();

    /**
     * The invariant the domain keeps after every command: no waiting line of the SKU is as small as
     * what one of its batches still has available (else it would be placed there, first come first
     * served, and a newer line could take that stock ahead of it).
     */
    protected void assertNoWaitingLineFitsFreeStock(String sku) {
        read(products -> {
            products.get(sku).ifPresent(product -> {
                int most = product.batches().stream().mapToInt(b -> b.availableQuantity()).max().orElse(0);
                assertThat(product.waitingLines()).as("lines of %s waiting beside a batch with %d available", sku, most)
                        .noneMatch(w -> w.quantity() <= most);
            });
            return null;
        });
    }

    // --- reading the write model back, in a unit of work of its own ---

    protected <T> T read(Function<ProductRepository, T> query) {
        try (UnitOfWork uow = unitsOfWork.start()) {
            return query.apply(uow.products());
        }
    }

    protected Optional<String> batchOf(String orderId, String sku) {
        return read(products -> products.get(sku).flatMap(p -> p.batches().stream()
                .filter(b -> p.allocationsIn(b.reference()).stream().anyMatch(a -> a.orderId().equals(orderId)))
                .map(b -> b.reference()).findFirst()));
    }

    protected int available(String reference) {
        return read(products -> products.getByBatchReference(reference)
                .flatMap(p -> p.batch(reference)).orElseThrow().availableQuantity());
    }

    protected List<String> waiting(String sku) {
        return read(products -> products.get(sku)
                .map(p -> p.waitingLines().stream().map(w -> w.orderId()).toList()).orElse(List.of()));
    }

    /** order id to where the line is: a batch reference or "waiting"; fails if a line sits in two places. */
    protected Map<String, String> placements(String sku) {
        return read(products -> {
            Map<String, String> where = new HashMap<>();
            Product product = products.get(sku).orElseThrow();
            product.batches().forEach(b -> product.allocationsIn(b.reference()).forEach(a -> {
                assertThat(where.put(a.orderId(), b.reference())).as("line %s placed twice", a.orderId()).isNull();
            }));
            product.waitingLines().forEach(w -> assertThat(where.put(w.orderId(), "waiting"))
                    .as("line %s placed twice", w.orderId()).isNull());
            product.batches().forEach(b -> {
                assertThat(b.availableQuantity()).as("available in %s", b).isNotNegative();
                assertThat(product.allocationsIn(b.reference()).stream().mapToInt(a -> a.quantity()).sum())
                        .as("allocated in %s", b).isEqualTo(b.allocatedQuantity());
            });
            return where;
        });
    }

    private void batch(String reference, String sku, int quantity, LocalDate eta) {
        bus.handle(new CreateBatch(reference, sku, quantity, eta));
    }

    @Nested
    class CreatingBatches {
        @Test
        void createsTheProductOnTheFirstBatchOfASku() {
            batch("b1", "LAMP", 100, null);

            assertThat(available("b1")).isEqualTo(100);
            Optional<String> sku = read(products -> products.get("LAMP").map(Product::sku));
            assertThat(sku).contains("LAMP");
        }

        @Test
        void rejectsAReferenceThatIsAlreadyUsedEvenForAnotherSku() {
            batch("b1", "LAMP", 100, null);

            assertThatThrownBy(() -> batch("b1", "TABLE", 5, null))
                    .isInstanceOf(DuplicateBatch.class).hasMessageContaining("b1 already exists");
            Optional<String> table = read(products -> products.get("TABLE").map(Product::sku));
            assertThat(table).isEmpty();
            assertThat(available("b1")).isEqualTo(100);
        }

        @Test
        void aNewBatchAllocatesWaitingLinesFirstComeFirstServed() {
            batch("b1", "LAMP", 1, null);
            bus.handle(new Allocate("o1", "LAMP", 1));
            bus.handle(new Allocate("early", "LAMP", 6));
            clock.advance(Duration.ofMinutes(1));
            bus.handle(new Allocate("late", "LAMP", 6));
            bus.handle(new Allocate("small", "LAMP", 3));

            batch("b2", "LAMP", 10, TODAY.plusDays(3));

            assertThat(placements("LAMP")).containsEntry("early", "b2").containsEntry("small", "b2")
                    .containsEntry("late", "waiting");
            assertThat(available("b2")).isEqualTo(1);
        }
    }

    @Nested
    class Allocating {
        @Test
        void returnsTheChosenBatchAndReducesWhatIsAvailable() {
            batch("b1", "LAMP", 20, null);

            assertThat(bus.handle(new Allocate("o1", "LAMP", 2))).contains("b1");
            assertThat(available("b1")).isEqualTo(18);
        }

        @Test
        void prefersWarehouseStockToShipments() {
            batch("shipment", "LAMP", 100, TODAY.plusDays(1));
            batch("warehouse", "LAMP", 100, null);

            assertThat(bus.handle(new Allocate("o1", "LAMP", 10))).contains("warehouse");
            assertThat(available("shipment")).isEqualTo(100);
        }

        @Test
        void prefersTheEarliestEta() {
            batch("slow", "LAMP", 100, TODAY.plusDays(10));
            batch("speedy", "LAMP", 100, TODAY.plusDays(1));
            batch("medium", "LAMP", 100, TODAY.plusDays(5));

            assertThat(bus.handle(new Allocate("o1", "LAMP", 10))).contains("speedy");
        }

        @Test
        void breaksEtaTiesByReferenceSoTheChoiceIsDeterministic() {
            batch("zeta", "LAMP", 100, TODAY.plusDays(2));
            batch("alpha", "LAMP", 100, TODAY.plusDays(2));

            assertThat(bus.handle(new Allocate("o1", "LAMP", 10))).contains("alpha");
        }

        @Test
        void skipsABatchWithTooLittleAvailable() {
            batch("warehouse", "LAMP", 5, null);
            batch("shipment", "LAMP", 100, TODAY.plusDays(1));

            assertThat(bus.handle(new Allocate("o1", "LAMP", 6))).contains("shipment");
            assertThat(available("warehouse")).isEqualTo(5);
        }

        @Test
        void neverUsesABatchOfAnotherSku() {
            batch("lamps", "LAMP", 100, null);
            batch("tables", "TABLE", 1, null);

            assertThat(bus.handle(new Allocate("o1", "TABLE", 2))).isEmpty();
            assertThat(available("lamps")).isEqualTo(100);
        }

        @Test
        void allocatingTheSameLineAgainIsANoOpReturningTheSameBatch() {
            batch("b1", "LAMP", 100, null);
            bus.handle(new Allocate("o1", "LAMP", 10));
            batch("b0", "LAMP", 100, null);

            assertThat(bus.handle(new Allocate("o1", "LAMP", 10))).contains("b1");
            assertThat(available("b1")).isEqualTo(90);
            assertThat(available("b0")).isEqualTo(100);
        }

        @Test
        void refusesTheSameLineWithAnotherQuantity() {
            batch("b1", "LAMP", 100, null);
            bus.handle(new Allocate("o1", "LAMP", 10));

            assertThatThrownBy(() -> bus.handle(new Allocate("o1", "LAMP", 12)))
                    .isInstanceOf(LineAlreadyPlaced.class).hasMessageContaining("change its quantity instead");
            assertThat(available("b1")).isEqualTo(90);
        }

        @Test
        void refusesAnUnknownSku() {
            assertThatThrownBy(() -> bus.handle(new Allocate("o1", "NOPE", 1)))
                    .isInstanceOf(InvalidSku.class).hasMessage("Unknown SKU NOPE: add a batch of it first");
        }

        @Test
        void outOfStockNotifiesThePlannerWithoutAnExceptionAndTheLineWaits() {
            batch("b1", "LAMP", 10, null);
            bus.handle(new Allocate("o1", "LAMP", 10));

            assertThat(bus.handle(new Allocate("o2", "LAMP", 1))).isEmpty();

            assertThat(notifications.sent()).containsExactly(new OutOfStock("o2", "LAMP", 1, START, 1, 0, Cause.planner()));
            assertThat(waiting("LAMP")).containsExactly("o2");
        }

        @Test
        void allocatingAWaitingLineAgainDoesNotDoubleIt() {
            batch("b1", "LAMP", 1, null);
            bus.handle(new Allocate("o1", "LAMP", 5));
            clock.advance(Duration.ofHours(1));
            bus.handle(new Allocate("o1", "LAMP", 5));

            assertThat(waiting("LAMP")).containsExactly("o1");
            assertThat(notifications.sent()).extracting(OutOfStock::since).containsOnly(START);
        }

        @Test
        void refusesAWaitingLineWithAnotherQuantity() {
            batch("b1", "LAMP", 1, null);
            bus.handle(new Allocate("o1", "LAMP", 5));

            assertThatThrownBy(() -> bus.handle(new Allocate("o1", "LAMP", 4)))
                    .isInstanceOf(LineAlreadyPlaced.class).hasMessageContaining("waiting for stock");
        }
    }

    @Nested
    class ChangingBatchQuantities {
        @Test
        void reallocatesLinesTheBatchCanNoLongerHoldToAnotherBatch() {
            batch("warehouse", "LAMP", 50, null);
            batch("shipment", "LAMP", 50, TODAY.plusDays(1));
            bus.handle(new Allocate("o1", "LAMP", 20));
            bus.handle(new Allocate("o2", "LAMP", 20));

            bus.handle(new ChangeBatchQuantity("warehouse", 25));

            assertThat(placements("LAMP")).containsEntry("o1", "warehouse").containsEntry("o2", "shipment");
            assertThat(available("warehouse")).isEqualTo(5);
            assertThat(available("shipment")).isEqualTo(30);
        }

        @Test
        void givesBackTheMostRecentlyAllocatedLinesFirst() {
            batch("warehouse", "LAMP", 30, null);
            bus.handle(new Allocate("first", "LAMP", 10));
            bus.handle(new Allocate("second", "LAMP", 10));
            bus.handle(new Allocate("third", "LAMP", 10));

            bus.handle(new ChangeBatchQuantity("warehouse", 15));

            assertThat(placements("LAMP")).containsEntry("first", "warehouse")
                    .containsEntry("second", "waiting").containsEntry("third", "waiting");
        }

        @Test
        void aLineWithNowhereToGoWaitsAndThePlannerIsTold() {
            batch("warehouse", "LAMP", 10, null);
            bus.handle(new Allocate("o1", "LAMP", 10));
            clock.advance(Duration.ofMinutes(5));

            bus.handle(new ChangeBatchQuantity("warehouse", 4));

            assertThat(waiting("LAMP")).containsExactly("o1");
            assertThat(notifications.sent()).containsExactly(
                    new OutOfStock("o1", "LAMP", 10, START.plus(Duration.ofMinutes(5)), 1, 4,
                            Cause.quantityChanged("warehouse", 10, 4)));
        }

        @Test
        void raisingTheQuantityAllocatesWaitingLines() {
            batch("warehouse", "LAMP", 1, null);
            bus.handle(new Allocate("o1", "LAMP", 5));

            bus.handle(new ChangeBatchQuantity("warehouse", 6));

            assertThat(placements("LAMP")).containsEntry("o1", "warehouse");
            assertThat(available("warehouse")).isEqualTo(1);
        }

        @Test
        void aBatchReducedToZeroHandsItsLinesToAnotherBatchInThatOneCommandFirstComeFirstServed() {
            batch("warehouse", "LAMP", 30, null);
            batch("shipment", "LAMP", 20, TODAY.plusDays(2));
            bus.handle(new Allocate("first", "LAMP", 10));
            bus.handle(new Allocate("second", "LAMP", 10));
            bus.handle(new Allocate("third", "LAMP", 10));
            clock.advance(Duration.ofMinutes(5));
            busUnitsOfWork.set(0);

            bus.handle(new ChangeBatchQuantity("warehouse", 0));

            assertThat(busUnitsOfWork).as("units of work of the command and its follow-ups").hasValue(1);
            assertThat(placements("LAMP")).containsOnly(Map.entry("first", "shipment"),
                    Map.entry("second", "shipment"), Map.entry("third", "waiting"));
            assertThat(notifications.sent()).containsExactly(
                    new OutOfStock("third", "LAMP", 10, START.plus(Duration.ofMinutes(5)), 1, 0,
                            Cause.quantityChanged("warehouse", 30, 0)));
            assertThat(available("shipment")).isZero();
        }

        @Test
        void linesGivenBackThatFitNowhereWaitInTheirOldOrderAndEachRaisesAnAlert() {
            batch("warehouse", "LAMP", 30, null);
            batch("shipment", "LAMP", 5, TODAY.plusDays(2));
            bus.handle(new Allocate("first", "LAMP", 10));
            bus.handle(new Allocate("second", "LAMP", 10));
            bus.handle(new Allocate("small", "LAMP", 4));

            bus.handle(new ChangeBatchQuantity("warehouse", 0));

            assertThat(placements("LAMP")).containsOnly(Map.entry("first", "waiting"),
                    Map.entry("second", "waiting"), Map.entry("small", "shipment"));
            assertThat(waiting("LAMP")).containsExactly("first", "second");
            assertThat(notifications.sent()).extracting(OutOfStock::orderId).containsExactly("first", "second");
            assertNoWaitingLineFitsFreeStock("LAMP");
        }

        @Test
        void aNewLineCannotOvertakeALineThatWaitsForTheStockItWants() {
            batch("warehouse", "LAMP", 7, null);
            bus.handle(new Allocate("a", "LAMP", 1));
            bus.handle(new Allocate("b", "LAMP", 5));
            bus.handle(new Allocate("c", "LAMP", 1));
            bus.handle(new Allocate("waits", "LAMP", 3));

            bus.handle(new ChangeBatchQuantity("warehouse", 5));
            assertNoWaitingLineFitsFreeStock("LAMP");
            bus.handle(new Allocate("newcomer", "LAMP", 3));

            assertThat(placements("LAMP")).containsEntry("waits", "warehouse").containsEntry("newcomer", "waiting")
                    .containsEntry("a", "warehouse").containsEntry("c", "warehouse").containsEntry("b", "waiting");
        }

        @Test
        void aBatchCanBeLostCompletely() {
            batch("warehouse", "LAMP", 10, null);
            bus.handle(new Allocate("o1", "LAMP", 3));

            bus.handle(new ChangeBatchQuantity("warehouse", 0));

            assertThat(available("warehouse")).isZero();
            assertThat(waiting("LAMP")).containsExactly("o1");
        }

        @Test
        void refusesAnUnknownBatch() {
            assertThatThrownBy(() -> bus.handle(new ChangeBatchQuantity("nope", 3)))
                    .isInstanceOf(UnknownBatch.class).hasMessage("Unknown batch nope");
        }
    }

    @Nested
    class CancellingLines {
        @Test
        void aCancelledLineFreesItsStockAndIsNotReallocated() {
            batch("warehouse", "LAMP", 10, null);
            batch("shipment", "LAMP", 10, TODAY.plusDays(1));
            bus.handle(new Allocate("o1", "LAMP", 6));

            bus.handle(new CancelLine("o1", "LAMP"));

            assertThat(placements("LAMP")).isEmpty();
            assertThat(available("warehouse")).isEqualTo(10);
            assertThat(available("shipment")).isEqualTo(10);
        }

        @Test
        void theFreedStockGoesToWaitingLines() {
            batch("warehouse", "LAMP", 10, null);
            bus.handle(new Allocate("o1", "LAMP", 8));
            bus.handle(new Allocate("o2", "LAMP", 5));

            bus.handle(new CancelLine("o1", "LAMP"));

            assertThat(placements("LAMP")).containsOnly(Map.entry("o2", "warehouse"));
        }

        @Test
        void aWaitingLineCanBeCancelled() {
            batch("warehouse", "LAMP", 1, null);
            bus.handle(new Allocate("o1", "LAMP", 8));

            bus.handle(new CancelLine("o1", "LAMP"));
            batch("more", "LAMP", 100, null);

            assertThat(placements("LAMP")).isEmpty();
        }

        @Test
        void refusesALineTheOrderDoesNotHave() {
            batch("warehouse", "LAMP", 10, null);

            assertThatThrownBy(() -> bus.handle(new CancelLine("o9", "LAMP")))
                    .isInstanceOf(UnknownOrderLine.class).hasMessage("Order o9 has no line for SKU LAMP");
            assertThatThrownBy(() -> bus.handle(new CancelLine("o9", "NOPE"))).isInstanceOf(InvalidSku.class);
        }
    }

    @Nested
    class ChangingLineQuantities {
        @Test
        void aWaitingLineKeepsItsPlaceInTheQueueWithItsNewQuantity() {
            batch("warehouse", "LAMP", 2, null);
            bus.handle(new Allocate("o1", "LAMP", 5));
            bus.handle(new Allocate("o2", "LAMP", 6));
            clock.advance(Duration.ofMinutes(5));

            Consequences consequences = bus.handle(new ChangeLineQuantity("o1", "LAMP", 9));

            assertThat(waiting("LAMP")).containsExactly("o1", "o2");
            com.allocationdesk.allocation.domain.WaitingLine first =
                    read(products -> products.get("LAMP").orElseThrow().waitingLines().get(0));
            assertThat(first.quantity()).isEqualTo(9);
            assertThat(first.since()).isEqualTo(START);
            assertThat(consequences.isEmpty()).isTrue();
            assertNoWaitingLineFitsFreeStock("LAMP");
        }

        @Test
        void aWaitingLineThatNowFitsFreeStockIsServedWithoutOvertakingOlderOnesThatStillDoNot() {
            batch("warehouse", "LAMP", 3, null);
            bus.handle(new Allocate("o1", "LAMP", 5));
            bus.handle(new Allocate("o2", "LAMP", 6));

            bus.handle(new ChangeLineQuantity("o2", "LAMP", 3));

            assertThat(placements("LAMP")).containsOnly(Map.entry("o1", "waiting"), Map.entry("o2", "warehouse"));
            assertNoWaitingLineFitsFreeStock("LAMP");
        }

        @Test
        void anAllocatedLineThatShrinksStaysInItsBatchAndTheFreedStockServesWaitingLines() {
            batch("warehouse", "LAMP", 10, null);
            batch("shipment", "LAMP", 10, TODAY.plusDays(3));
            bus.handle(new Allocate("o1", "LAMP", 8));
            bus.handle(new Allocate("big", "LAMP", 10));
            bus.handle(new Allocate("o2", "LAMP", 6));

            Consequences consequences = bus.handle(new ChangeLineQuantity("o1", "LAMP", 2));

            assertThat(placements("LAMP")).containsOnly(Map.entry("o1", "warehouse"), Map.entry("big", "shipment"),
                    Map.entry("o2", "warehouse"));
            assertThat(available("warehouse")).isEqualTo(2);
            assertThat(consequences.served()).extracting(a -> a.orderId()).containsExactly("o2");
            assertNoWaitingLineFitsFreeStock("LAMP");
        }

        @Test
        void aLineThatGrowsBeyondItsBatchGoesToTheNextBatchByPreference() {
            batch("warehouse", "LAMP", 10, null);
            batch("later", "LAMP", 20, TODAY.plusDays(9));
            batch("sooner", "LAMP", 20, TODAY.plusDays(2));
            bus.handle(new Allocate("o1", "LAMP", 6));
            bus.handle(new Allocate("o2", "LAMP", 4));

            Consequences consequences = bus.handle(new ChangeLineQuantity("o1", "LAMP", 12));

            assertThat(placements("LAMP")).containsOnly(Map.entry("o1", "sooner"), Map.entry("o2", "warehouse"));
            assertThat(available("warehouse")).isEqualTo(6);
            assertThat(available("sooner")).isEqualTo(8);
            assertThat(consequences.moved()).containsExactly(new LineMove("o1", 12, "sooner", null));
            assertNoWaitingLineFitsFreeStock("LAMP");
        }

        @Test
        void aLineThatGrowsBeyondEveryBatchWaitsWithItsOriginalPlaceAheadOfNewerLines() {
            batch("warehouse", "LAMP", 10, null);
            bus.handle(new Allocate("o1", "LAMP", 4));
            bus.handle(new Allocate("o2", "LAMP", 6));
            bus.handle(new Allocate("o3", "LAMP", 7));
            int toldBefore = notifications.sent().size();

            Consequences consequences = bus.handle(new ChangeLineQuantity("o1", "LAMP", 11));

            assertThat(waiting("LAMP")).containsExactly("o1", "o3");
            assertThat(available("warehouse")).isEqualTo(4);
            assertThat(consequences.moved()).containsExactly(new LineMove("o1", 11, null, 1));
            assertThat(notifications.sent().subList(toldBefore, notifications.sent().size()))
                    .extracting(OutOfStock::orderId).containsExactly("o1");
            assertNoWaitingLineFitsFreeStock("LAMP");
        }

        @Test
        void theStockAGrownLineLeavesBehindServesTheWaitingLinesFirstComeFirstServed() {
            batch("warehouse", "LAMP", 10, null);
            bus.handle(new Allocate("o1", "LAMP", 8));
            bus.handle(new Allocate("o2", "LAMP", 9));
            bus.handle(new Allocate("o3", "LAMP", 1));

            bus.handle(new ChangeLineQuantity("o1", "LAMP", 20));

            assertThat(placements("LAMP")).containsOnly(Map.entry("o1", "waiting"), Map.entry("o2", "warehouse"),
                    Map.entry("o3", "warehouse"));
            assertNoWaitingLineFitsFreeStock("LAMP");
        }

        @Test
        void itsEventsSayFromWhatToWhatAndWhereTheLineNowIs() {
            batch("warehouse", "LAMP", 10, null);
            bus.handle(new Allocate("o1", "LAMP", 4));
            seen.clear();

            bus.handle(new ChangeLineQuantity("o1", "LAMP", 7));

            assertThat(seen).containsExactly(new LineQuantityChanged("o1", "LAMP", 4, 7, "warehouse", "warehouse", null));
        }

        @Test
        void refusalsLeaveEverythingAsItWas() {
            batch("warehouse", "LAMP", 10, null);
            bus.handle(new Allocate("o1", "LAMP", 4));
            Map<String, String> before = placements("LAMP");

            assertThatThrownBy(() -> new ChangeLineQuantity("o1", "LAMP", 0)).isInstanceOf(InvalidCommand.class)
                    .hasMessageContaining("cancel");
            assertThatThrownBy(() -> bus.handle(new ChangeLineQuantity("o9", "LAMP", 3)))
                    .isInstanceOf(UnknownOrderLine.class).hasMessage("Order o9 has no line for SKU LAMP");
            assertThatThrownBy(() -> bus.handle(new ChangeLineQuantity("o1", "NOPE", 3))).isInstanceOf(InvalidSku.class);

            assertThat(placements("LAMP")).isEqualTo(before);
            assertThat(available("warehouse")).isEqualTo(6);
        }
    }

    @Nested
    class KeepingEveryLine {
        /**
         * Random work on one SKU: after every step each line the planner did not cancel sits in
         * exactly one place, no batch is over-allocated, and no waiting line fits free stock.
         */
        @Test
        void noLineIsEverLostOrDoubledWhateverThePlannerDoes() {
            Random random = new Random(42);
            batch("b0", "LAMP", 20, null);
            List<String> batches = new ArrayList<>(List.of("b0"));
            Map<String, Integer> expected = new LinkedHashMap<>();
            for (int step = 0; step < 150; step++) {
                int choice = random.nextInt(10);
                try {
                    if (choice < 5) {
                        String order = "o" + random.nextInt(40);
                        int qty = expected.getOrDefault(order, 1 + random.nextInt(9));
                        bus.handle(new Allocate(order, "LAMP", qty));
                        expected.put(order, qty);
                    } else if (choice < 7) {
                        bus.handle(new ChangeBatchQuantity(batches.get(random.nextInt(batches.size())), random.nextInt(30)));
                    } else if (choice < 8) {
                        String reference = "b" + batches.size();
                        batch(reference, "LAMP", 1 + random.nextInt(20), random.nextBoolean() ? null : TODAY.plusDays(random.nextInt(5)));
                        batches.add(reference);
                    } else if (choice < 9 && !expected.isEmpty()) {
                        String order = List.copyOf(expected.keySet()).get(random.nextInt(expected.size()));
                        int qty = 1 + random.nextInt(15);
                        bus.handle(new ChangeLineQuantity(order, "LAMP", qty));
                        expected.put(order, qty);
                    } else if (!expected.isEmpty()) {
                        String order = List.copyOf(expected.keySet()).get(random.nextInt(expected.size()));
                        bus.handle(new CancelLine(order, "LAMP"));
                        expected.remove(order);
                    }
                } finally {
                    assertThat(placements("LAMP").keySet()).as("after step %d", step)
                            .containsExactlyInAnyOrderElementsOf(expected.keySet());
                    assertNoWaitingLineFitsFreeStock("LAMP");
                }
            }
        }
    }

    @Nested
    class AllocatingAChunk {
        @Test
        void allocatesEveryLineOfSeveralSkusInOneCommand() {
            batch("lamp-1", "LAMP", 10, null);
            batch("desk-1", "DESK", 1, null);
            batch("chair-1", "CHAIR", 5, TODAY.plusDays(3));

            List<Optional<String>> placed = bus.handle(new AllocateLines(List.of(
                    new Allocate("o1", "LAMP", 4), new Allocate("o2", "DESK", 1), new Allocate("o3", "DESK", 1),
                    new Allocate("o4", "CHAIR", 5), new Allocate("o5", "LAMP", 6))));

            assertThat(placed).containsExactly(Optional.of("lamp-1"), Optional.of("desk-1"), Optional.empty(),
                    Optional.of("chair-1"), Optional.of("lamp-1"));
            assertThat(placements("LAMP")).containsExactlyInAnyOrderEntriesOf(Map.of("o1", "lamp-1", "o5", "lamp-1"));
            assertThat(placements("DESK")).containsExactlyInAnyOrderEntriesOf(Map.of("o2", "desk-1", "o3", "waiting"));
            assertThat(available("chair-1")).isZero();
            assertThat(notifications.sent()).hasSize(1);
        }

        @Test
        void anUnknownSkuRejectsTheWholeChunk() {
            batch("lamp-1", "LAMP", 10, null);

            assertThatThrownBy(() -> bus.handle(new AllocateLines(List.of(
                    new Allocate("o1", "LAMP", 4), new Allocate("o2", "NO-SUCH-SKU", 1)))))
                    .isInstanceOf(InvalidSku.class);

            assertThat(available("lamp-1")).isEqualTo(10);
            assertThat(placements("LAMP")).isEmpty();
        }
    }

    @Nested
    class ReasonsAndMoves {
        private final Placement warehouseAlone = new Placement(Placement.Rule.WAREHOUSE_FIRST, List.of(), 0, List.of());

        @Test
        void anAllocationSaysWhichRulePlacedItAndWhatItPassedOver() {
            batch("WH-CHAIR-01", "CHAIR", 3, null);
            batch("SHIP-CHAIR-02", "CHAIR", 20, TODAY.plusDays(18));
            batch("SHIP-CHAIR-01", "CHAIR", 20, TODAY.plusDays(18));
            seen.clear();

            bus.handle(new Allocate("ORD-1001", "CHAIR", 8));

            assertThat(seen).containsExactly(new Allocated("ORD-1001", "CHAIR", 8, "SHIP-CHAIR-01", TODAY.plusDays(18),
                    new Placement(Placement.Rule.EARLIEST_ETA, List.of(new Placement.PassedOver("WH-CHAIR-01", null, 3)),
                            0, List.of("SHIP-CHAIR-02")),
                    Cause.planner(), null, null));
        }

        @Test
        void aShrinkingBatchTellsWhereEachLineWentInItsEventsAndInWhatTheBusReturns() {
            batch("WH-CHAIR-01", "CHAIR", 20, null);
            batch("SHIP-CHAIR-02", "CHAIR", 10, TODAY.plusDays(18));
            bus.handle(new Allocate("early", "CHAIR", 30));
            bus.handle(new Allocate("o1", "CHAIR", 4));
            bus.handle(new Allocate("o2", "CHAIR", 4));
            bus.handle(new Allocate("o3", "CHAIR", 8));
            clock.advance(Duration.ofMinutes(5));
            Instant now = START.plus(Duration.ofMinutes(5));
            seen.clear();

            Consequences consequences = bus.handle(new ChangeBatchQuantity("WH-CHAIR-01", 3));

            Cause reduced = Cause.quantityChanged("WH-CHAIR-01", 20, 3);
            List<LineMove> moved = List.of(new LineMove("o3", 8, null, 2), new LineMove("o2", 4, "SHIP-CHAIR-02", null),
                    new LineMove("o1", 4, "SHIP-CHAIR-02", null));
            Placement passedWarehouse = new Placement(Placement.Rule.EARLIEST_ETA,
                    List.of(new Placement.PassedOver("WH-CHAIR-01", null, 3)), 0, List.of());
            assertThat(seen).containsExactly(
                    new BatchQuantityChanged("WH-CHAIR-01", "CHAIR", 20, 3, moved),
                    new Deallocated("o3", "CHAIR", 8, "WH-CHAIR-01", now, reduced),
                    new Deallocated("o2", "CHAIR", 4, "WH-CHAIR-01", now, reduced),
                    new Deallocated("o1", "CHAIR", 4, "WH-CHAIR-01", now, reduced),
                    new Allocated("o1", "CHAIR", 4, "SHIP-CHAIR-02", TODAY.plusDays(18), passedWarehouse, reduced,
                            "WH-CHAIR-01", null),
                    new Allocated("o2", "CHAIR", 4, "SHIP-CHAIR-02", TODAY.plusDays(18), passedWarehouse, reduced,
                            "WH-CHAIR-01", null),
                    new OutOfStock("o3", "CHAIR", 8, now, 2, 3, reduced));
            assertThat(consequences).isEqualTo(new Consequences(moved, List.of()));
            assertThat(consequences.describe("WH-CHAIR-01"))
                    .containsExactly("3 lines moved off WH-CHAIR-01: 2 to SHIP-CHAIR-02, 1 waits");
            assertThat(waiting("CHAIR")).containsExactly("early", "o3");
            assertThat(placements("CHAIR")).containsEntry("o1", "SHIP-CHAIR-02").containsEntry("o2", "SHIP-CHAIR-02");
        }

        @Test
        void theRoomABigLineLeavesBehindGoesToASmallerWaitingLineAndTheBusSaysBoth() {
            batch("b1", "LAMP", 10, null);
            bus.handle(new Allocate("o1", "LAMP", 1));
            bus.handle(new Allocate("o2", "LAMP", 9));
            bus.handle(new Allocate("w", "LAMP", 5));
            clock.advance(Duration.ofMinutes(5));
            seen.clear();

            Consequences consequences = bus.handle(new ChangeBatchQuantity("b1", 9));

            Cause reduced = Cause.quantityChanged("b1", 10, 9);
            Allocated served = new Allocated("w", "LAMP", 5, "b1", null, warehouseAlone, reduced, null, START);
            assertThat(consequences).isEqualTo(new Consequences(List.of(new LineMove("o2", 9, null, 1)), List.of(served)));
            assertThat(consequences.describe("b1")).containsExactly("1 line moved off b1: 1 waits",
                    "1 waiting line placed: w in b1");
            assertThat(seen).contains(served);
            assertThat(seen).last().isEqualTo(new OutOfStock("o2", "LAMP", 9, START.plus(Duration.ofMinutes(5)), 1, 3,
                    reduced));
            assertNoWaitingLineFitsFreeStock("LAMP");
        }

        @Test
        void aRaisedQuantityServesTheQueueAndTheBusReturnsTheLinesItPlaced() {
            batch("b1", "LAMP", 2, null);
            bus.handle(new Allocate("o1", "LAMP", 5));
            seen.clear();

            Consequences consequences = bus.handle(new ChangeBatchQuantity("b1", 6));

            Allocated served = new Allocated("o1", "LAMP", 5, "b1", null, warehouseAlone,
                    new Cause(Cause.Kind.QUANTITY_RAISED, "b1", null, 2, 6), null, START);
            assertThat(seen).containsExactly(new BatchQuantityChanged("b1", "LAMP", 2, 6, List.of()), served);
            assertThat(consequences).isEqualTo(new Consequences(List.of(), List.of(served)));
        }

        @Test
        void aNewBatchReturnsTheWaitingLinesItServedWithWhenEachStartedWaiting() {
            batch("b1", "LAMP", 1, null);
            bus.handle(new Allocate("o1", "LAMP", 4));
            clock.advance(Duration.ofMinutes(1));
            bus.handle(new Allocate("o2", "LAMP", 5));
            seen.clear();

            Consequences consequences = bus.handle(new CreateBatch("b2", "LAMP", 10, TODAY.plusDays(3)));

            Placement passedB1 = new Placement(Placement.Rule.EARLIEST_ETA,
                    List.of(new Placement.PassedOver("b1", null, 1)), 0, List.of());
            Allocated o1 = new Allocated("o1", "LAMP", 4, "b2", TODAY.plusDays(3), passedB1, Cause.batchAdded("b2"),
                    null, START);
            Allocated o2 = new Allocated("o2", "LAMP", 5, "b2", TODAY.plusDays(3), passedB1, Cause.batchAdded("b2"),
                    null, START.plus(Duration.ofMinutes(1)));
            assertThat(seen).containsExactly(new BatchCreated("b2", "LAMP", 10, TODAY.plusDays(3)), o1, o2);
            assertThat(consequences).isEqualTo(new Consequences(List.of(), List.of(o1, o2)));
            assertThat(consequences.describe("b2")).containsExactly("2 waiting lines placed: o1 in b2, o2 in b2");
        }

        @Test
        void aNewBatchNobodyWaitedForHasNoConsequences() {
            assertThat(bus.handle(new CreateBatch("b1", "LAMP", 10, null))).isEqualTo(Consequences.NONE);
        }

        @Test
        void aCancelledLineReturnsTheWaitingLineItsStockWentTo() {
            batch("b1", "LAMP", 10, null);
            bus.handle(new Allocate("o1", "LAMP", 8));
            bus.handle(new Allocate("ORD-7", "LAMP", 5));
            seen.clear();

            Consequences consequences = bus.handle(new CancelLine("o1", "LAMP"));

            Allocated served = new Allocated("ORD-7", "LAMP", 5, "b1", null, warehouseAlone, Cause.lineCancelled("o1"),
                    null, START);
            assertThat(seen).containsExactly(new LineCancelled("o1", "LAMP", 8, "b1"), served);
            assertThat(consequences).isEqualTo(new Consequences(List.of(), List.of(served)));
            assertThat(consequences.describe("b1")).containsExactly("1 waiting line placed: ORD-7 in b1");
        }

        @Test
        void cancellingAWaitingLineHasNoConsequences() {
            batch("b1", "LAMP", 1, null);
            bus.handle(new Allocate("o1", "LAMP", 4));
            seen.clear();

            assertThat(bus.handle(new CancelLine("o1", "LAMP"))).isEqualTo(Consequences.NONE);
            assertThat(seen).containsExactly(new LineCancelled("o1", "LAMP", 4, null));
        }

        @Test
        void aLineThatWaitsIsToldItsPlaceAndTheMostAnyBatchHasFree() {
            batch("b1", "LAMP", 3, null);
            batch("b2", "LAMP", 5, TODAY.plusDays(2));
            bus.handle(new Allocate("big", "LAMP", 10));
            seen.clear();

            bus.handle(new Allocate("o2", "LAMP", 7));

            assertThat(seen).containsExactly(new OutOfStock("o2", "LAMP", 7, START, 2, 5, Cause.planner()));
        }
    }

    /** The inbox's chunks ({@code TakeInboxChunk}): each taken exactly once, all of its commands or none. */
    @Nested
    class InboxChunks {
        private static final String FILE = "a".repeat(64);

        private TakeInboxChunk chunk(int number, Command<?>... commands) {
            return new TakeInboxChunk("orders.jsonl", FILE, number, false, List.of(commands));
        }

        @Test
        void aChunkIsCarriedOutOnceAndTakingItAgainChangesNothing() {
            batch("lamp-1", "LAMP", 10, null);
            TakeInboxChunk first = chunk(0, new Allocate("o1", "LAMP", 4), new Allocate("o2", "LAMP", 9));

            Optional<List<Object>> results = bus.handle(first);
            seen.clear();
            Optional<List<Object>> again = bus.handle(first);

            assertThat(results).contains(List.of(Optional.of("lamp-1"), Optional.empty()));
            assertThat(again).isEmpty();
            assertThat(seen).isEmpty();
            assertThat(placements("LAMP")).containsExactlyInAnyOrderEntriesOf(Map.of("o1", "lamp-1", "o2", "waiting"));
            assertThat(available("lamp-1")).isEqualTo(6);
        }

        @Test
        void theCommandsOfAChunkSeeEachOtherAndTheirEventsFollowInTheFilesOrder() {
            batch("lamp-1", "LAMP", 10, null);
            seen.clear();

            bus.handle(chunk(0, new Allocate("o1", "LAMP", 4), new CancelLine("o1", "LAMP"),
                    new Allocate("o2", "LAMP", 8), new ChangeBatchQuantity("lamp-1", 5)));

            assertThat(seen).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                    "Allocated", "LineCancelled", "Allocated", "BatchQuantityChanged", "Deallocated", "OutOfStock");
            assertThat(placements("LAMP")).containsExactlyInAnyOrderEntriesOf(Map.of("o2", "waiting"));
            assertThat(available("lamp-1")).isEqualTo(5);
        }

        @Test
        void aRefusedCommandUndoesTheWholeChunkSaysWhichAndStoresNoReceipt() {
            batch("lamp-1", "LAMP", 10, null);
            seen.clear();

            assertThatThrownBy(() -> bus.handle(chunk(0, new Allocate("o1", "LAMP", 4), new CancelLine("nobody", "LAMP"))))
                    .isInstanceOfSatisfying(ChunkCommandRefused.class, refused -> {
                        assertThat(refused.index()).isEqualTo(1);
                        assertThat(refused.refusal()).isInstanceOf(UnknownOrderLine.class);
                        assertThat(refused.getMessage()).isEqualTo(new UnknownOrderLine("nobody", "LAMP").getMessage());
                    });

            assertThat(seen).isEmpty();
            assertThat(placements("LAMP")).isEmpty();
            assertThat(available("lamp-1")).isEqualTo(10);
            assertThat(bus.handle(chunk(0, new Allocate("o1", "LAMP", 4)))).as("no receipt was stored").isPresent();
        }

        @Test
        void eachChunkOfAFileHasItsOwnReceiptAndAnotherFileItsOwnChunks() {
            batch("lamp-1", "LAMP", 10, null);

            bus.handle(chunk(0, new Allocate("o1", "LAMP", 1)));
            Optional<List<Object>> second = bus.handle(chunk(1, new Allocate("o2", "LAMP", 1)));
            Optional<List<Object>> otherFile = bus.handle(new TakeInboxChunk("more.jsonl", "b".repeat(64), 0, true,
                    List.of(new Allocate("o3", "LAMP", 1))));

            assertThat(second).isPresent();
            assertThat(otherFile).isPresent();
            assertThat(available("lamp-1")).isEqualTo(7);
        }

        @Test
        void aChunkOfBatchesFromACsvFileIsOneCommandOfTheChunk() {
            Optional<List<Object>> results = bus.handle(chunk(0, new CreateBatches(List.of(
                    new CreateBatch("lamp-1", "LAMP", 10, null), new CreateBatch("lamp-2", "LAMP", 5, TODAY.plusDays(2))))));

            assertThat(results).contains(List.of(2));
            assertThat(available("lamp-1") + available("lamp-2")).isEqualTo(15);
        }
    }
}

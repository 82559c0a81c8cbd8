package com.allocationdesk.allocation.domain;

import com.allocationdesk.allocation.domain.events.LineMove;
import com.allocationdesk.allocation.domain.events.Placement;
import com.allocationdesk.allocation.domain.events.Cause;
import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.LineCancelled;
import com.allocationdesk.allocation.domain.events.LineQuantityChanged;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.domain.events.Event;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rules the bus cannot show directly: the exact events a change records with their reasons
 * (placement, cause, moves), the consequences it returns and their sentences, and the SKU guard.
 */
class ProductTest {
    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(600);
    private static final LocalDate TOMORROW = LocalDate.of(2026, 11, 28);
    private static final Cause REDUCED_TO_3 = Cause.quantityChanged("b1", 10, 3);
    private static final Cause REDUCED_TO_0 = Cause.quantityChanged("b1", 10, 0);
    private static final Placement WAREHOUSE_ALONE =
            new Placement(Placement.Rule.WAREHOUSE_FIRST, List.of(), 0, List.of());

    @Test
    void aShrinkingBatchRecordsTheQuantityChangeThenEachLineItGivesBackThenOutOfStockInQueueOrder() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 4), NOW);
        product.pullEvents();

        product.changeBatchQuantity("b1", 3, NOW);

        assertThat(product.pullEvents()).containsExactly(
                new BatchQuantityChanged("b1", "LAMP", 10, 3,
                        List.of(new LineMove("o2", 4, null, 2), new LineMove("o1", 4, null, 1))),
                new Deallocated("o2", "LAMP", 4, "b1", NOW, REDUCED_TO_3),
                new Deallocated("o1", "LAMP", 4, "b1", NOW, REDUCED_TO_3),
                new OutOfStock("o1", "LAMP", 4, NOW, 1, 3, REDUCED_TO_3),
                new OutOfStock("o2", "LAMP", 4, NOW, 2, 3, REDUCED_TO_3));
        assertThat(product.waitingLines()).extracting(WaitingLine::orderId).containsExactly("o1", "o2");
    }

    @Test
    void theLinesAShrinkingBatchGivesBackArePlacedElsewhereInTheSameCallOldestFirst() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 4), NOW);
        product.addBatch("b2", 6, TOMORROW);
        product.pullEvents();

        product.changeBatchQuantity("b1", 0, NOW);

        assertThat(product.pullEvents()).containsExactly(
                new BatchQuantityChanged("b1", "LAMP", 10, 0,
                        List.of(new LineMove("o2", 4, null, 1), new LineMove("o1", 4, "b2", null))),
                new Deallocated("o2", "LAMP", 4, "b1", NOW, REDUCED_TO_0),
                new Deallocated("o1", "LAMP", 4, "b1", NOW, REDUCED_TO_0),
                new Allocated("o1", "LAMP", 4, "b2", TOMORROW,
                        new Placement(Placement.Rule.EARLIEST_ETA, List.of(new Placement.PassedOver("b1", null, 0)), 0,
                                List.of()),
                        REDUCED_TO_0, "b1", null),
                new OutOfStock("o2", "LAMP", 4, NOW, 1, 2, REDUCED_TO_0));
        assertThat(product.waitingLines()).extracting(WaitingLine::orderId).containsExactly("o2");
    }

    @Test
    void cancellingRecordsLineCancelledNotDeallocated() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.pullEvents();

        assertThat(product.cancelLine("o1")).isEqualTo(Consequences.NONE);
        assertThat(product.pullEvents()).containsExactly(new LineCancelled("o1", "LAMP", 4, "b1"));
    }

    @Test
    void eventsAreHandedOverOnce() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 1), NOW);

        assertThat(product.pullEvents()).containsExactly(new BatchCreated("b1", "LAMP", 10, null),
                new Allocated("o1", "LAMP", 1, "b1", null, WAREHOUSE_ALONE, Cause.planner(), null, null));
        assertThat(product.pullEvents()).isEmpty();
    }

    @Test
    void refusesALineOfAnotherSku() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);

        assertThatThrownBy(() -> product.allocate(new OrderLine("o1", "TABLE", 1), NOW)).isInstanceOf(InvalidSku.class);
        assertThat(product.batch("b1").orElseThrow().availableQuantity()).isEqualTo(10);
    }

    @Test
    void refusesADuplicateBatchWithinTheProduct() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);

        assertThatThrownBy(() -> product.addBatch("b1", 5, null)).isInstanceOf(DuplicateBatch.class);
    }

    // --- the reasons: which rule placed a line, and what it passed over ---

    @Test
    void aLineTooBigForTheWarehouseGoesToTheEarliestShipmentNamingWhatTheWarehouseHad() {
        Product product = new Product("CHAIR");
        product.addBatch("WH-CHAIR-01", 3, null);
        product.addBatch("SHIP-CHAIR-03", 20, TOMORROW.plusDays(5));
        product.addBatch("SHIP-CHAIR-02", 20, TOMORROW);
        product.pullEvents();

        product.allocate(new OrderLine("ORD-1001", "CHAIR", 8), NOW);

        assertThat(product.pullEvents()).containsExactly(new Allocated("ORD-1001", "CHAIR", 8, "SHIP-CHAIR-02", TOMORROW,
                new Placement(Placement.Rule.EARLIEST_ETA, List.of(new Placement.PassedOver("WH-CHAIR-01", null, 3)), 0,
                        List.of()),
                Cause.planner(), null, null));
    }

    @Test
    void warehouseStockWinsByReferenceAndTheOtherWarehouseBatchThatFitsIsNamedAsTied() {
        Product product = new Product("LAMP");
        product.addBatch("w-small", 2, null);
        product.addBatch("w-b", 10, null);
        product.addBatch("w-a", 10, null);
        product.addBatch("ship", 100, TOMORROW);
        product.pullEvents();

        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);

        Allocated allocated = onlyAllocated(product.pullEvents());
        assertThat(allocated.batchReference()).isEqualTo("w-a");
        assertThat(allocated.placement()).isEqualTo(new Placement(Placement.Rule.WAREHOUSE_FIRST, List.of(), 0,
                List.of("w-b")));
    }

    @Test
    void passedOverListsEveryEarlierBatchInPreferenceOrderWithWhatItHadAtThatMoment() {
        Product product = new Product("LAMP");
        product.addBatch("w1", 10, null);
        product.addBatch("s-late", 50, TOMORROW.plusDays(9));
        product.addBatch("s-early", 5, TOMORROW);
        product.addBatch("s-mid", 50, TOMORROW.plusDays(3));
        product.allocate(new OrderLine("first", "LAMP", 7), NOW);
        product.allocate(new OrderLine("second", "LAMP", 4), NOW);
        product.pullEvents();

        product.allocate(new OrderLine("o1", "LAMP", 6), NOW);

        Allocated allocated = onlyAllocated(product.pullEvents());
        assertThat(allocated.batchReference()).isEqualTo("s-mid");
        assertThat(allocated.placement().rule()).isEqualTo(Placement.Rule.EARLIEST_ETA);
        assertThat(allocated.placement().passedOver()).containsExactly(
                new Placement.PassedOver("w1", null, 3), new Placement.PassedOver("s-early", TOMORROW, 1));
        assertThat(allocated.placement().tiedWith()).isEmpty();
    }

    @Test
    void twoShipmentsWithTheSameEtaThatBothFitAreDecidedByReferenceAndTheOtherIsNamed() {
        Product product = new Product("LAMP");
        product.addBatch("warehouse", 2, null);
        product.addBatch("s-b", 10, TOMORROW);
        product.addBatch("s-a", 10, TOMORROW);
        product.addBatch("s-c", 3, TOMORROW);
        product.addBatch("s-later", 10, TOMORROW.plusDays(1));
        product.pullEvents();

        product.allocate(new OrderLine("o1", "LAMP", 5), NOW);

        assertThat(onlyAllocated(product.pullEvents()).placement()).isEqualTo(new Placement(Placement.Rule.EARLIEST_ETA,
                List.of(new Placement.PassedOver("warehouse", null, 2)), 0, List.of("s-b")));
    }

    @Test
    void moreThanTwentyBatchesPassedOverAreTheFirstTwentyListedAndTheRestCounted() {
        Product product = new Product("LAMP");
        for (int i = 24; i >= 0; i--) {
            product.addBatch(String.format("w%02d", i), 1, null);
        }
        product.addBatch("ship", 10, TOMORROW);
        product.pullEvents();

        product.allocate(new OrderLine("o1", "LAMP", 2), NOW);

        Placement placement = onlyAllocated(product.pullEvents()).placement();
        assertThat(placement.passedOver()).hasSize(Placement.MAX_PASSED_OVER);
        assertThat(placement.passedOver()).extracting(Placement.PassedOver::batchReference)
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> String.format("w%02d", i)).toList());
        assertThat(placement.passedOver()).extracting(Placement.PassedOver::available).containsOnly(1);
        assertThat(placement.passedOverMore()).isEqualTo(5);
    }

    // --- the causes, and the lines served from the queue ---

    @Test
    void aNewBatchServesTheQueueWithCauseBatchAddedAndSaysWhenEachLineStartedWaiting() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 1, null);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 5), LATER);
        product.pullEvents();

        Consequences consequences = product.addBatch("b2", 10, TOMORROW);

        Placement passedB1 = new Placement(Placement.Rule.EARLIEST_ETA, List.of(new Placement.PassedOver("b1", null, 1)),
                0, List.of());
        Allocated o1 = new Allocated("o1", "LAMP", 4, "b2", TOMORROW, passedB1, Cause.batchAdded("b2"), null, NOW);
        Allocated o2 = new Allocated("o2", "LAMP", 5, "b2", TOMORROW, passedB1, Cause.batchAdded("b2"), null, LATER);
        assertThat(product.pullEvents()).containsExactly(new BatchCreated("b2", "LAMP", 10, TOMORROW), o1, o2);
        assertThat(consequences).isEqualTo(new Consequences(List.of(), List.of(o1, o2)));
        assertThat(consequences.describe("b2")).containsExactly("2 waiting lines placed: o1 in b2, o2 in b2");
    }

    @Test
    void aRaisedQuantityServesTheQueueWithCauseQuantityRaisedFromTo() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 2, null);
        product.allocate(new OrderLine("o1", "LAMP", 5), NOW);
        product.pullEvents();

        Consequences consequences = product.changeBatchQuantity("b1", 6, LATER);

        Allocated served = new Allocated("o1", "LAMP", 5, "b1", null, WAREHOUSE_ALONE,
                new Cause(Cause.Kind.QUANTITY_RAISED, "b1", null, 2, 6), null, NOW);
        assertThat(product.pullEvents()).containsExactly(new BatchQuantityChanged("b1", "LAMP", 2, 6, List.of()), served);
        assertThat(consequences).isEqualTo(new Consequences(List.of(), List.of(served)));
        assertThat(consequences.describe("b1")).containsExactly("1 waiting line placed: o1 in b1");
    }

    @Test
    void aCancelledLineServesTheQueueWithCauseLineCancelledNamingTheOrder() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 8), NOW);
        product.allocate(new OrderLine("ORD-7", "LAMP", 5), NOW);
        product.pullEvents();

        Consequences consequences = product.cancelLine("o1");

        Allocated served = new Allocated("ORD-7", "LAMP", 5, "b1", null, WAREHOUSE_ALONE,
                new Cause(Cause.Kind.LINE_CANCELLED, null, "o1", null, null), null, NOW);
        assertThat(product.pullEvents()).containsExactly(new LineCancelled("o1", "LAMP", 8, "b1"), served);
        assertThat(consequences.moved()).isEmpty();
        assertThat(consequences.served()).containsExactly(served);
        assertThat(consequences.describe("b1")).containsExactly("1 waiting line placed: ORD-7 in b1");
    }

    @Test
    void cancellingAWaitingLineFreesNothingAndServesNobody() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 1, null);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 1), NOW);
        product.pullEvents();

        Consequences consequences = product.cancelLine("o1");

        assertThat(consequences.isEmpty()).isTrue();
        assertThat(consequences.describe("b1")).isEmpty();
        assertThat(product.pullEvents()).containsExactly(new LineCancelled("o1", "LAMP", 4, null));
    }

    @Test
    void theRepairOfALineWaitingBesideFreeStockHasCauseRepair() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 1, null);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        // what an older version left behind: stock raised without serving the queue
        product.batch("b1").orElseThrow().changePurchasedQuantity(10);
        product.pullEvents();

        assertThat(product.serveWaitingLines()).isEqualTo(1);

        assertThat(product.pullEvents()).containsExactly(new Allocated("o1", "LAMP", 4, "b1", null, WAREHOUSE_ALONE,
                Cause.repair(), null, NOW));
    }

    @Test
    void aLineThatWaitsIsToldItsPlaceInTheQueueAndTheMostAnyBatchHasFree() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 3, null);
        product.addBatch("b2", 5, TOMORROW);
        product.allocate(new OrderLine("big", "LAMP", 10), NOW);
        product.pullEvents();

        assertThat(product.allocate(new OrderLine("o2", "LAMP", 7), LATER)).isEmpty();

        assertThat(product.pullEvents()).containsExactly(new OutOfStock("o2", "LAMP", 7, LATER, 2, 5, Cause.planner()));
    }

    @Test
    void aLineWaitingWhenNoBatchHasAnythingFreeIsToldZero() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 3, null);
        product.allocate(new OrderLine("o1", "LAMP", 3), NOW);
        product.pullEvents();

        product.allocate(new OrderLine("o2", "LAMP", 1), NOW);

        assertThat(product.pullEvents()).containsExactly(new OutOfStock("o2", "LAMP", 1, NOW, 1, 0, Cause.planner()));
    }

    // --- a shrinking batch: where each line it gave back went ---

    @Test
    void aShrinkingBatchNamesEachLineThatLeftAndWhereItWentAndSaysSoInOneSentence() {
        Product product = new Product("CHAIR");
        product.addBatch("WH-CHAIR-01", 20, null);
        product.addBatch("SHIP-CHAIR-02", 10, TOMORROW);
        product.allocate(new OrderLine("early", "CHAIR", 30), NOW);
        product.allocate(new OrderLine("o1", "CHAIR", 4), NOW);
        product.allocate(new OrderLine("o2", "CHAIR", 4), NOW);
        product.allocate(new OrderLine("o3", "CHAIR", 8), NOW);
        product.pullEvents();

        Consequences consequences = product.changeBatchQuantity("WH-CHAIR-01", 3, LATER);

        List<LineMove> moved = List.of(new LineMove("o3", 8, null, 2), new LineMove("o2", 4, "SHIP-CHAIR-02", null),
                new LineMove("o1", 4, "SHIP-CHAIR-02", null));
        Cause reduced = new Cause(Cause.Kind.QUANTITY_REDUCED, "WH-CHAIR-01", null, 20, 3);
        List<Event> events = product.pullEvents();
        assertThat(events.get(0)).isEqualTo(new BatchQuantityChanged("WH-CHAIR-01", "CHAIR", 20, 3, moved));
        assertThat(events).filteredOn(Deallocated.class::isInstance).extracting(e -> ((Deallocated) e).orderId())
                .containsExactly("o3", "o2", "o1");
        assertThat(events).filteredOn(Allocated.class::isInstance).map(Allocated.class::cast)
                .allSatisfy(a -> {
                    assertThat(a.batchReference()).isEqualTo("SHIP-CHAIR-02");
                    assertThat(a.movedFrom()).isEqualTo("WH-CHAIR-01");
                    assertThat(a.waitedSince()).isNull();
                    assertThat(a.cause()).isEqualTo(reduced);
                })
                .extracting(Allocated::orderId).containsExactly("o1", "o2");
        assertThat(events).filteredOn(OutOfStock.class::isInstance)
                .containsExactly(new OutOfStock("o3", "CHAIR", 8, LATER, 2, 3, reduced));
        assertThat(consequences.moved()).isEqualTo(moved);
        assertThat(consequences.served()).as("the lines given back are moves, not served waiting lines").isEmpty();
        assertThat(consequences.describe("WH-CHAIR-01"))
                .containsExactly("3 lines moved off WH-CHAIR-01: 2 to SHIP-CHAIR-02, 1 waits");
    }

    @Test
    void aLineThatFitsBackInTheShrunkBatchIsToldAsStayingNotAsMovedOff() {
        // the batch gave back o3, o2, o1 (newest first); o2 fitted back in once the batch was no longer over-allocated
        Consequences some = new Consequences(List.of(new LineMove("o3", 5, null, 1), new LineMove("o2", 6, "WH-CHAIR-01", null),
                new LineMove("o1", 8, "SHIP-CHAIR-02", null)), List.of());
        Consequences all = new Consequences(List.of(new LineMove("o1", 2, "b1", null), new LineMove("o2", 1, "b1", null)), List.of());

        assertThat(some.describe("WH-CHAIR-01")).containsExactly("2 lines moved off WH-CHAIR-01: 1 to SHIP-CHAIR-02, 1 waits;"
                + " 1 line stays in it");
        assertThat(all.describe("b1")).containsExactly("2 lines stay in b1");
    }

    @Test
    void aShrinkingBatchThatGivesBackABigLineCanServeASmallerWaitingOneWithTheFreedRoom() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 1), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 9), NOW);
        product.allocate(new OrderLine("w", "LAMP", 5), NOW);
        product.pullEvents();

        Consequences consequences = product.changeBatchQuantity("b1", 9, LATER);

        Cause reduced = Cause.quantityChanged("b1", 10, 9);
        Allocated served = new Allocated("w", "LAMP", 5, "b1", null, WAREHOUSE_ALONE, reduced, null, NOW);
        assertThat(product.pullEvents()).containsExactly(
                new BatchQuantityChanged("b1", "LAMP", 10, 9, List.of(new LineMove("o2", 9, null, 1))),
                new Deallocated("o2", "LAMP", 9, "b1", LATER, reduced),
                served,
                new OutOfStock("o2", "LAMP", 9, LATER, 1, 3, reduced));
        assertThat(consequences).isEqualTo(new Consequences(List.of(new LineMove("o2", 9, null, 1)), List.of(served)));
        assertThat(consequences.describe("b1")).containsExactly("1 line moved off b1: 1 waits",
                "1 waiting line placed: w in b1");
    }

    @Test
    void aReducedBatchThatStillHoldsItsLinesMovesNothing() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.pullEvents();

        Consequences consequences = product.changeBatchQuantity("b1", 6, NOW);

        assertThat(consequences).isEqualTo(Consequences.NONE);
        assertThat(consequences.describe("b1")).isEmpty();
        assertThat(product.pullEvents()).containsExactly(new BatchQuantityChanged("b1", "LAMP", 10, 6, List.of()));
    }

    // --- the sentences the planner is told ---

    @Test
    void theSentencesNameFiveServedLinesThenCountTheRest() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 1, null);
        for (int i = 1; i <= 7; i++) {
            product.allocate(new OrderLine("o" + i, "LAMP", 2), NOW);
        }

        assertThat(product.addBatch("b2", 100, null).describe("b2")).containsExactly(
                "7 waiting lines placed: o1 in b2, o2 in b2, o3 in b2, o4 in b2, o5 in b2 and 2 more");
    }

    @Test
    void severalLinesWaitingAfterAMoveAreCountedAsWait() {
        Consequences consequences = new Consequences(List.of(new LineMove("o3", 1, null, 2),
                new LineMove("o2", 1, "b2", null), new LineMove("o1", 1, null, 1)), List.of());

        assertThat(consequences.describe("b1")).containsExactly("3 lines moved off b1: 1 to b2, 2 wait");
        assertThat(Consequences.NONE.describe("b1")).isEmpty();
    }

    private static Allocated onlyAllocated(List<Event> events) {
        assertThat(events).hasSize(1);
        return (Allocated) events.get(0);
    }

    @Test
    void aSmallLineThatLeftEarlyAndFitsBackIsToldAsStayingNotAsMovedToItsOwnBatch() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 1), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 5), NOW);
        product.allocate(new OrderLine("o3", "LAMP", 1), NOW);

        Consequences consequences = product.changeBatchQuantity("b1", 2, NOW);

        assertThat(consequences.moved()).extracting(LineMove::orderId, LineMove::toBatch)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("o3", "b1"), org.assertj.core.groups.Tuple.tuple("o2", null));
        assertThat(consequences.describe("b1")).containsExactly("1 line moved off b1: 1 waits; 1 line stays in it");
    }

    // --- changing a line's quantity (docs/decisions/0018)

    private static Cause lineChanged(String orderId, int from, int to) {
        return new Cause(Cause.Kind.LINE_QUANTITY_CHANGED, null, orderId, from, to);
    }

    @Test
    void aWaitingLineWithANewQuantityKeepsItsPlaceAndWhenItSinceAndIsToldItsPosition() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 2, null);
        product.allocate(new OrderLine("o1", "LAMP", 5), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 6), NOW);
        product.allocate(new OrderLine("o3", "LAMP", 7), NOW);
        product.pullEvents();

        Consequences consequences = product.changeLineQuantity("o1", 9, LATER);

        assertThat(product.pullEvents()).containsExactly(
                new LineQuantityChanged("o1", "LAMP", 5, 9, null, null, 1));
        assertThat(product.waitingLines()).extracting(WaitingLine::orderId, WaitingLine::quantity, WaitingLine::since)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("o1", 9, NOW),
                        org.assertj.core.groups.Tuple.tuple("o2", 6, NOW), org.assertj.core.groups.Tuple.tuple("o3", 7, NOW));
        assertThat(consequences.isEmpty()).isTrue();
    }

    @Test
    void aWaitingLineThatNowFitsFreeStockIsServedAtOnceAndOlderLinesStillFirst() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 3, null);
        product.allocate(new OrderLine("o1", "LAMP", 5), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 6), NOW);
        product.pullEvents();

        Consequences consequences = product.changeLineQuantity("o2", 3, LATER);

        Allocated served = new Allocated("o2", "LAMP", 3, "b1", null, WAREHOUSE_ALONE, lineChanged("o2", 6, 3), null, NOW);
        assertThat(product.pullEvents()).containsExactly(
                new LineQuantityChanged("o2", "LAMP", 6, 3, null, "b1", null), served);
        assertThat(product.waitingLines()).extracting(WaitingLine::orderId).containsExactly("o1");
        assertThat(consequences.served()).containsExactly(served);
    }

    @Test
    void anAllocatedLineThatShrinksStaysInItsBatchWithItsSequenceAndTheFreedStockServesTheQueue() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 8), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 2), NOW);
        product.allocate(new OrderLine("o3", "LAMP", 4), NOW);
        long sequence = product.allocationsIn("b1").get(0).sequence();
        product.pullEvents();

        Consequences consequences = product.changeLineQuantity("o1", 4, LATER);

        Allocated served = new Allocated("o3", "LAMP", 4, "b1", null, WAREHOUSE_ALONE, lineChanged("o1", 8, 4), null, NOW);
        assertThat(product.pullEvents()).containsExactly(
                new LineQuantityChanged("o1", "LAMP", 8, 4, "b1", "b1", null), served);
        assertThat(product.allocationsIn("b1")).extracting(Allocation::orderId, Allocation::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("o1", 4), org.assertj.core.groups.Tuple.tuple("o2", 2),
                        org.assertj.core.groups.Tuple.tuple("o3", 4));
        assertThat(product.allocationsIn("b1").get(0).sequence()).isEqualTo(sequence);
        assertThat(product.batch("b1").orElseThrow().availableQuantity()).isZero();
        assertThat(consequences.moved()).isEmpty();
        assertThat(consequences.served()).containsExactly(served);
    }

    @Test
    void anAllocatedLineThatGrowsWithinWhatItsBatchHasFreeStaysThere() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.addBatch("b2", 10, TOMORROW);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.pullEvents();

        Consequences consequences = product.changeLineQuantity("o1", 10, LATER);

        assertThat(product.pullEvents()).containsExactly(new LineQuantityChanged("o1", "LAMP", 4, 10, "b1", "b1", null));
        assertThat(product.batch("b1").orElseThrow().availableQuantity()).isZero();
        assertThat(consequences.isEmpty()).isTrue();
    }

    @Test
    void aLineThatGrowsBeyondItsBatchMovesByTheUsualPreferenceAndSaysWhere() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.addBatch("b2", 20, TOMORROW);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 5), NOW);
        product.pullEvents();

        Consequences consequences = product.changeLineQuantity("o1", 12, LATER);

        Cause cause = lineChanged("o1", 4, 12);
        assertThat(product.pullEvents()).containsExactly(
                new LineQuantityChanged("o1", "LAMP", 4, 12, "b1", "b2", null),
                new Deallocated("o1", "LAMP", 12, "b1", LATER, cause),
                new Allocated("o1", "LAMP", 12, "b2", TOMORROW,
                        new Placement(Placement.Rule.EARLIEST_ETA, List.of(new Placement.PassedOver("b1", null, 5)), 0,
                                List.of()),
                        cause, "b1", null));
        assertThat(consequences.moved()).containsExactly(new LineMove("o1", 12, "b2", null));
        assertThat(consequences.describe("b1")).containsExactly("1 line moved off b1: 1 to b2");
    }

    @Test
    void aLineThatGrowsBeyondEveryBatchWaitsWithItsOriginalPlaceAheadOfNewerWaitingLines() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 6), NOW);
        product.allocate(new OrderLine("o3", "LAMP", 7), NOW);
        product.pullEvents();

        Consequences consequences = product.changeLineQuantity("o1", 11, LATER);

        Cause cause = lineChanged("o1", 4, 11);
        assertThat(product.pullEvents()).containsExactly(
                new LineQuantityChanged("o1", "LAMP", 4, 11, "b1", null, 1),
                new Deallocated("o1", "LAMP", 11, "b1", LATER, cause),
                new OutOfStock("o1", "LAMP", 11, LATER, 1, 4, cause));
        assertThat(product.waitingLines()).extracting(WaitingLine::orderId).containsExactly("o1", "o3");
        assertThat(consequences.moved()).containsExactly(new LineMove("o1", 11, null, 1));
        assertThat(consequences.describe("b1")).containsExactly("1 line moved off b1: 1 waits");
    }

    @Test
    void theStockALineThatGrewLeavesBehindGoesToTheOldestWaitingLineThatFits() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 8), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 9), NOW);
        product.pullEvents();

        Consequences consequences = product.changeLineQuantity("o1", 20, LATER);

        assertThat(product.allocationsIn("b1")).extracting(Allocation::orderId).containsExactly("o2");
        assertThat(product.waitingLines()).extracting(WaitingLine::orderId, WaitingLine::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("o1", 20));
        assertThat(consequences.served()).extracting(Allocated::orderId).containsExactly("o2");
        assertThat(consequences.moved()).containsExactly(new LineMove("o1", 20, null, 1));
    }

    @Test
    void theSameQuantityAgainChangesNothing() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.pullEvents();

        assertThat(product.changeLineQuantity("o1", 4, LATER).isEmpty()).isTrue();
        assertThat(product.pullEvents()).isEmpty();
    }

    @Test
    void aQuantityOfZeroOrAnUnknownLineIsRefusedAndNothingChanges() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.pullEvents();

        assertThatThrownBy(() -> product.changeLineQuantity("o1", 0, LATER)).isInstanceOf(InvalidCommand.class)
                .hasMessageContaining("cancel");
        assertThatThrownBy(() -> product.changeLineQuantity("o9", 3, LATER)).isInstanceOf(UnknownOrderLine.class)
                .hasMessage("Order o9 has no line for SKU LAMP");
        assertThat(product.pullEvents()).isEmpty();
        assertThat(product.allocationsIn("b1")).extracting(Allocation::quantity).containsExactly(4);
    }
}

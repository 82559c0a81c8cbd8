package com.allocationdesk.allocation.domain;

import com.allocationdesk.allocation.domain.events.LineMove;
import com.allocationdesk.allocation.domain.events.Placement;
import com.allocationdesk.allocation.domain.events.Cause;
import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.LineCancelled;
import com.allocationdesk.allocation.domain.events.OutOfStock;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules the bus cannot show directly: the exact events a change records, and the SKU guard. */
class ProductTest {
    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
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
}

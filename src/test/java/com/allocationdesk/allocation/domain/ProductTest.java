package com.allocationdesk.allocation.domain;

import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.LineCancelled;
import com.allocationdesk.allocation.domain.events.OutOfStock;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules the bus cannot show directly: the exact events a change records, and the SKU guard. */
class ProductTest {
    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void aShrinkingBatchRecordsTheQuantityChangeThenEachLineItGivesBackThenOutOfStockInQueueOrder() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 4), NOW);
        product.pullEvents();

        product.changeBatchQuantity("b1", 3, NOW);

        assertThat(product.pullEvents()).containsExactly(
                new BatchQuantityChanged("b1", "LAMP", 10, 3),
                new Deallocated("o2", "LAMP", 4, "b1", NOW),
                new Deallocated("o1", "LAMP", 4, "b1", NOW),
                new OutOfStock("o1", "LAMP", 4, NOW),
                new OutOfStock("o2", "LAMP", 4, NOW));
        assertThat(product.waitingLines()).extracting(WaitingLine::orderId).containsExactly("o1", "o2");
    }

    @Test
    void theLinesAShrinkingBatchGivesBackArePlacedElsewhereInTheSameCallOldestFirst() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.allocate(new OrderLine("o2", "LAMP", 4), NOW);
        product.addBatch("b2", 6, NOW.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1));
        product.pullEvents();

        product.changeBatchQuantity("b1", 0, NOW);

        assertThat(product.pullEvents()).containsExactly(
                new BatchQuantityChanged("b1", "LAMP", 10, 0),
                new Deallocated("o2", "LAMP", 4, "b1", NOW),
                new Deallocated("o1", "LAMP", 4, "b1", NOW),
                new Allocated("o1", "LAMP", 4, "b2"),
                new OutOfStock("o2", "LAMP", 4, NOW));
        assertThat(product.waitingLines()).extracting(WaitingLine::orderId).containsExactly("o2");
    }

    @Test
    void cancellingRecordsLineCancelledNotDeallocated() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 4), NOW);
        product.pullEvents();

        assertThat(product.cancelLine("o1")).isEqualTo(new OrderLine("o1", "LAMP", 4));
        assertThat(product.pullEvents()).containsExactly(new LineCancelled("o1", "LAMP", 4, "b1"));
    }

    @Test
    void eventsAreHandedOverOnce() {
        Product product = new Product("LAMP");
        product.addBatch("b1", 10, null);
        product.allocate(new OrderLine("o1", "LAMP", 1), NOW);

        assertThat(product.pullEvents()).containsExactly(new BatchCreated("b1", "LAMP", 10, null),
                new Allocated("o1", "LAMP", 1, "b1"));
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

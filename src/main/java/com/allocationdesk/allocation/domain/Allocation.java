package com.allocationdesk.allocation.domain;

/**
 * An order line placed in a batch. {@code sequence} orders allocations within a product, so a
 * shrinking batch gives back its most recently allocated lines first.
 */
public record Allocation(String orderId, String sku, int quantity, String batchReference, long sequence) {
    public OrderLine line() {
        return new OrderLine(orderId, sku, quantity);
    }
}

package com.allocationdesk.allocation.domain.events;

/**
 * The planner cancelled an order's line. It is gone for good and is not reallocated.
 * {@code batchReference} is the batch it left, or null when it was still waiting for stock.
 */
public record LineCancelled(String orderId, String sku, int quantity, String batchReference) implements Event {
}

package com.allocationdesk.allocation.domain.events;

/** An order line was placed in a batch (first time, or from the waiting queue). */
public record Allocated(String orderId, String sku, int quantity, String batchReference) implements Event {
}

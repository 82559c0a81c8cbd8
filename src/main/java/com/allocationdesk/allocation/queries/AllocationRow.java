package com.allocationdesk.allocation.queries;

/** One row of {@code read_allocations}: an order line and the batch it sits in. */
public record AllocationRow(String orderId, String sku, int quantity, String batchReference) {
}

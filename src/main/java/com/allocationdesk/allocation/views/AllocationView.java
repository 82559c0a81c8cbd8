package com.allocationdesk.allocation.views;

/** One row of {@code allocations_view}: an order line and the batch it sits in. */
public record AllocationView(String orderId, String sku, int quantity, String batchReference) {
}

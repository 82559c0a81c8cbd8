package com.allocationdesk.allocation.queries;

/** Stock of one SKU over all its batches, and how much of it order lines are waiting for. */
public record SkuTotals(String sku, int purchased, int allocated, int available, int waiting) {
}

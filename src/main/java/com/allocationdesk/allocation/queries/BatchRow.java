package com.allocationdesk.allocation.queries;

import java.time.LocalDate;

/** One batch's stock; {@code eta} is null when the batch is in the warehouse. */
public record BatchRow(String reference, String sku, LocalDate eta, int purchased, int allocated, int available) {
    public boolean inWarehouse() {
        return eta == null;
    }
}

package com.allocationdesk.allocation.views;

import java.time.LocalDate;

/** One batch's stock; {@code eta} is null when the batch is in the warehouse. */
public record BatchView(String reference, String sku, LocalDate eta, int purchased, int allocated, int available) {
    public boolean inWarehouse() {
        return eta == null;
    }
}

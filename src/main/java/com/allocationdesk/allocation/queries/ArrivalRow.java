package com.allocationdesk.allocation.queries;

import java.time.LocalDate;

/** The units one SKU's batches bring on one ETA (purchased); {@code eta} is null for the warehouse. */
public record ArrivalRow(LocalDate eta, int quantity) {
}

package com.allocationdesk.allocation.domain.commands;

import com.allocationdesk.allocation.domain.Consequences;

import java.time.LocalDate;

/** Record a batch of stock: in the warehouse when {@code eta} is null, else expected on that day. */
public record CreateBatch(String reference, String sku, int quantity, LocalDate eta) implements Command<Consequences> {
    public CreateBatch {
        reference = Validation.id(reference, "batch reference");
        sku = Validation.id(sku, "SKU");
        quantity = Validation.positiveQuantity(quantity);
        eta = Validation.eta(eta);
    }
}

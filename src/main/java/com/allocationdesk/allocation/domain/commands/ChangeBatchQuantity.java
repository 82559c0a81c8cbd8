package com.allocationdesk.allocation.domain.commands;

import com.allocationdesk.allocation.domain.Consequences;
/** Correct a batch's purchased quantity (damage, loss, recount). Zero means the batch is gone. */
public record ChangeBatchQuantity(String reference, int quantity) implements Command<Consequences> {
    public ChangeBatchQuantity {
        reference = Validation.id(reference, "batch reference");
        quantity = Validation.nonNegativeQuantity(quantity);
    }
}

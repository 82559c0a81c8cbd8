package com.allocationdesk.allocation.domain.commands;

import com.allocationdesk.allocation.domain.Consequences;

/**
 * Change the quantity of an order's line of a SKU, allocated or waiting, keeping its place in the
 * queue (docs/decisions/0018). Zero is not a quantity of a line: that is a cancel.
 */
public record ChangeLineQuantity(String orderId, String sku, int quantity) implements Command<Consequences> {
    public ChangeLineQuantity {
        orderId = Validation.id(orderId, "order id");
        sku = Validation.id(sku, "SKU");
        quantity = Validation.lineQuantity(quantity, String.valueOf(quantity));
    }
}

package com.allocationdesk.allocation.domain.commands;

import com.allocationdesk.allocation.domain.Consequences;
/** Cancel an order's line of a SKU, allocated or waiting. It is not reallocated. */
public record CancelLine(String orderId, String sku) implements Command<Consequences> {
    public CancelLine {
        orderId = Validation.id(orderId, "order id");
        sku = Validation.id(sku, "SKU");
    }
}

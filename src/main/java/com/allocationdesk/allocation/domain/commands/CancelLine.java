package com.allocationdesk.allocation.domain.commands;

/** Cancel an order's line of a SKU, allocated or waiting. It is not reallocated. */
public record CancelLine(String orderId, String sku) implements Command<Void> {
    public CancelLine {
        orderId = Validation.id(orderId, "order id");
        sku = Validation.id(sku, "SKU");
    }
}

package com.allocationdesk.allocation.domain.commands;

import java.util.Optional;

/**
 * Allocate an order line. The result is the chosen batch's reference, or empty when no batch can
 * take it and the line waits for stock.
 */
public record Allocate(String orderId, String sku, int quantity) implements Command<Optional<String>> {
    public Allocate {
        orderId = Validation.id(orderId, "order id");
        sku = Validation.id(sku, "SKU");
        quantity = Validation.positiveQuantity(quantity);
    }
}

package com.allocationdesk.allocation.domain;

import java.util.Objects;

/**
 * What a customer ordered of one SKU. An order id and a SKU identify one line: the same pair never
 * sits in two places of a {@link Product}.
 */
public record OrderLine(String orderId, String sku, int quantity) {
    public OrderLine {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(sku, "sku");
        if (quantity <= 0) {
            throw new InvalidCommand("Quantity must be positive, was " + quantity);
        }
    }
}

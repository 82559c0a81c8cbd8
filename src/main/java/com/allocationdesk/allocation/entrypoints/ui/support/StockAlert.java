package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.domain.events.OutOfStock;

import java.util.Optional;

/**
 * A line that ran out of stock, for the window's banner: on this desk, or on another desk sharing
 * the server ({@link OtherDesks}), which the banner then names.
 *
 * @param desk {@code user@host} of the desk that did it; null when it is this one
 */
public record StockAlert(String orderId, String sku, int quantity, String desk) {
    /** A line this desk's own command left waiting. */
    static StockAlert here(OutOfStock event) {
        return new StockAlert(event.orderId(), event.sku(), event.quantity(), null);
    }

    /** The other desk that did it, when not this one. */
    public Optional<String> otherDesk() {
        return Optional.ofNullable(desk);
    }
}

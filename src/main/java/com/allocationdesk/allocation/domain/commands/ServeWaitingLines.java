package com.allocationdesk.allocation.domain.commands;

/**
 * Place every waiting line of a SKU that fits free stock, first come first served; the result is
 * how many were placed. The domain keeps "no waiting line fits free stock" after every command, so
 * this has nothing to do on a database it wrote itself: the start-up sweep sends it for the SKUs
 * where an older version (or a crash inside one) left lines waiting beside stock.
 */
public record ServeWaitingLines(String sku) implements Command<Integer> {
    public ServeWaitingLines {
        sku = Validation.id(sku, "SKU");
    }
}

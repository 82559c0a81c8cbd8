package com.allocationdesk.allocation.entrypoints.ui.ledger;

import com.allocationdesk.allocation.queries.OrderLineStatusRow;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One line of an order as the ledger dialog shows it: the words of {@code allocation-desk order}
 * (state in lower case, "warehouse" for an allocated line without ETA, since to the minute).
 */
public record OrderLineItem(String sku, int quantity, String state, String batch, String eta, String since,
                            String position, String why) {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    static OrderLineItem of(OrderLineStatusRow row) {
        boolean allocated = row.state() == OrderLineStatusRow.State.ALLOCATED;
        return new OrderLineItem(row.sku(), row.quantity(), row.state().name().toLowerCase(Locale.ROOT),
                row.batchReference() == null ? "" : row.batchReference(),
                row.eta() != null ? row.eta().toString() : allocated ? "warehouse" : "",
                row.since() == null ? "" : MINUTES.format(row.since()),
                row.position() == null ? "" : row.position().toString(),
                row.why() == null ? "" : row.why());
    }
}

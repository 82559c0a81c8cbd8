package com.allocationdesk.allocation.queries;

import java.time.Instant;

/**
 * One entry of the planner's ledger ({@code event_log}, docs/EVENTS.md "An entry"): the envelope's
 * columns, and {@code payload}, the JSON text of the type's {@code data}. {@code orderId} is null for
 * batch events, {@code batchReference} for a line that waits or was cancelled while waiting.
 */
public record LogEntryRow(long seq, Instant at, String type, int version, String desk, String sku, String orderId,
                          String batchReference, String payload) {
    /** The line's quantity in the entry's data ({@code quantity}); 0 for an entry without one, or whose data is not JSON. */
    public int quantity() {
        return LogEntryJson.quantity(payload);
    }
}

package com.allocationdesk.allocation.queries;

import java.time.Instant;
import java.util.Locale;

/**
 * A stored out-of-stock alert. It is {@code OPEN} while its line waits and {@code RESOLVED} once the
 * line is allocated ({@code resolution} ALLOCATED, {@code batch} the batch) or cancelled (CANCELLED);
 * SUPERSEDED marks an older duplicate of a waiting line's alert. Read/unread is a separate flag.
 *
 * @param resolution null while open
 * @param batch      the batch that took the line, when allocated; else null
 * @param resolvedAt null while open
 */
public record NotificationRow(long id, Instant at, String sku, String orderId, int quantity, boolean read,
                              String state, String resolution, String batch, Instant resolvedAt) {
    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";

    public boolean open() {
        return OPEN.equals(state);
    }

    /** "waiting", "allocated to B2", "cancelled" (or "superseded"): what the screen and the CLI say. */
    public String describe() {
        if (open()) {
            return "waiting";
        }
        if ("ALLOCATED".equals(resolution)) {
            return batch == null ? "allocated" : "allocated to " + batch;
        }
        return resolution == null ? "resolved" : resolution.toLowerCase(Locale.ROOT);
    }
}

package com.allocationdesk.allocation.domain.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An order line was placed in a batch: a new line, a waiting line served by stock that became free,
 * or a line a shrinking batch gave back, moved here.
 *
 * @param batchEta    the chosen batch's ETA; null: warehouse stock
 * @param placement   why this batch and not another
 * @param cause       what set it off (the planner, a new batch, a changed quantity, a cancelled line)
 * @param movedFrom   the batch that gave the line back just before, in the same change; else null
 * @param waitedSince when the line had started waiting, if it was served from the queue; else null
 */
public record Allocated(String orderId, String sku, int quantity, String batchReference, LocalDate batchEta,
                        Placement placement, Cause cause, String movedFrom, Instant waitedSince) implements Event {
    public Allocated {
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(cause, "cause");
    }
}

package com.allocationdesk.allocation.domain.events;

import java.util.Objects;

/**
 * The planner changed an order line's quantity; the line kept its place in the queue
 * (docs/decisions/0018). Recorded first in its change: a line that no longer fits its batch then
 * has its {@link Deallocated} (with the new quantity) and its {@link Allocated} (moved) or
 * {@link OutOfStock}, and the waiting lines the freed stock served their {@link Allocated}, each
 * with the cause {@link Cause.Kind#LINE_QUANTITY_CHANGED}.
 *
 * @param fromBatch       the batch the line was in when its quantity changed, or null: it was waiting
 * @param toBatch         the batch it is in after the change, or null: it waits
 * @param waitingPosition its place in the SKU's queue after the change when it waits (1 = served first), else null
 */
public record LineQuantityChanged(String orderId, String sku, int previousQuantity, int quantity, String fromBatch,
                                  String toBatch, Integer waitingPosition) implements Event {
    public LineQuantityChanged {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(sku, "sku");
        if ((toBatch == null) == (waitingPosition == null)) {
            throw new IllegalArgumentException("A line is in a batch or waits, not both or neither: " + orderId);
        }
    }

    /** True when the line is in another batch than before, or left its batch to wait. */
    public boolean moved() {
        return fromBatch != null && !fromBatch.equals(toBatch);
    }
}

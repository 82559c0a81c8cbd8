package com.allocationdesk.allocation.domain.events;

import java.util.Objects;

/**
 * Why a line was placed, given back or left waiting at this moment: the planner's own act, or the
 * change to stock that set it off. {@code batchReference}, {@code orderId}, {@code from} and
 * {@code to} are set where the kind has them (the batch added or changed, the order cancelled, the
 * batch's quantity before and after, or the line's when a line's quantity changed), else null.
 */
public record Cause(Kind kind, String batchReference, String orderId, Integer from, Integer to) {
    /** What set the change off. */
    public enum Kind {
        /** The planner allocated the line (a command, an import). */
        PLANNER,
        /** A new batch arrived or was announced. */
        BATCH_ADDED,
        /** A batch's quantity was raised. */
        QUANTITY_RAISED,
        /** A batch's quantity was reduced, and it gave lines back. */
        QUANTITY_REDUCED,
        /** Another line was cancelled and freed its stock. */
        LINE_CANCELLED,
        /** The planner changed an order line's quantity ({@code orderId}; {@code from}, {@code to}: the line's quantities). */
        LINE_QUANTITY_CHANGED,
        /** The start-up repair of a database an older version left with a line waiting beside free stock. */
        REPAIR
    }

    public Cause {
        Objects.requireNonNull(kind, "kind");
    }

    public static Cause planner() {
        return new Cause(Kind.PLANNER, null, null, null, null);
    }

    public static Cause batchAdded(String batchReference) {
        return new Cause(Kind.BATCH_ADDED, batchReference, null, null, null);
    }

    /** A raised or reduced quantity, whichever {@code from} and {@code to} say. */
    public static Cause quantityChanged(String batchReference, int from, int to) {
        return new Cause(to > from ? Kind.QUANTITY_RAISED : Kind.QUANTITY_REDUCED, batchReference, null, from, to);
    }

    public static Cause lineCancelled(String orderId) {
        return new Cause(Kind.LINE_CANCELLED, null, orderId, null, null);
    }

    /** The planner changed the order's line from {@code from} units to {@code to}. */
    public static Cause lineQuantityChanged(String orderId, int from, int to) {
        return new Cause(Kind.LINE_QUANTITY_CHANGED, null, orderId, from, to);
    }

    public static Cause repair() {
        return new Cause(Kind.REPAIR, null, null, null, null);
    }
}

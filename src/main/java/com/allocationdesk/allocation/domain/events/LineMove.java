package com.allocationdesk.allocation.domain.events;

import java.util.Objects;

/**
 * Where a line went when its batch shrank: to another batch ({@code toBatch}), or back to the
 * waiting queue at {@code waitingPosition} (1 = next to be served). Exactly one of the two is set.
 */
public record LineMove(String orderId, int quantity, String toBatch, Integer waitingPosition) {
    public LineMove {
        Objects.requireNonNull(orderId, "orderId");
        if ((toBatch == null) == (waitingPosition == null)) {
            throw new IllegalArgumentException("A moved line goes to a batch or waits, not both or neither: " + orderId);
        }
    }

    public boolean waits() {
        return toBatch == null;
    }
}

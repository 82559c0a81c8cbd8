package com.allocationdesk.allocation.domain.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A batch shrank and gave this line back: unlike {@link LineCancelled}, the customer still wants
 * it. The line is back in the queue (since {@code waitingSince}); the same change then places it
 * ({@link Allocated} with {@code movedFrom}, recorded after this event) or leaves it waiting
 * ({@link OutOfStock}). {@code cause} is the reduction (batch, quantity before and after).
 */
public record Deallocated(String orderId, String sku, int quantity, String batchReference, Instant waitingSince,
                          Cause cause) implements Event {
    public Deallocated {
        Objects.requireNonNull(cause, "cause");
    }
}

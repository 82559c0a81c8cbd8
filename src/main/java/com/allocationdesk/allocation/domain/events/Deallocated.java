package com.allocationdesk.allocation.domain.events;

import java.time.Instant;

/**
 * A batch shrank and gave this line back: unlike {@link LineCancelled}, the customer still wants
 * it. The line is back in the queue (since {@code waitingSince}); the same change then places it
 * ({@link Allocated}, recorded after this event) or leaves it waiting ({@link OutOfStock}).
 */
public record Deallocated(String orderId, String sku, int quantity, String batchReference, Instant waitingSince)
        implements Event {
}

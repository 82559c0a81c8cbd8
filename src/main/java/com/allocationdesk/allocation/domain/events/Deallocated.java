package com.allocationdesk.allocation.domain.events;

import java.time.Instant;

/**
 * A batch shrank and gave this line back. The line waits for stock (since {@code waitingSince})
 * and is to be reallocated: unlike {@link LineCancelled}, the customer still wants it.
 */
public record Deallocated(String orderId, String sku, int quantity, String batchReference, Instant waitingSince)
        implements Event {
}

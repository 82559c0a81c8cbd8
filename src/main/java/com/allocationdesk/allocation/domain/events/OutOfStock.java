package com.allocationdesk.allocation.domain.events;

import java.time.Instant;
import java.util.Objects;

/**
 * No batch could take this line: it is waiting for stock since {@code since}.
 *
 * @param position         its place in its SKU's queue at that moment (1 = served first)
 * @param largestAvailable the most any one batch of the SKU had available (0: none)
 * @param cause            the planner's new line, or the reduction that gave it back
 */
public record OutOfStock(String orderId, String sku, int quantity, Instant since, int position,
                         int largestAvailable, Cause cause) implements Event {
    public OutOfStock {
        Objects.requireNonNull(cause, "cause");
    }
}

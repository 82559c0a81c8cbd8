package com.allocationdesk.allocation.domain.events;

import java.time.Instant;

/** No batch could take this line: it is waiting for stock since {@code since}. */
public record OutOfStock(String orderId, String sku, int quantity, Instant since) implements Event {
}

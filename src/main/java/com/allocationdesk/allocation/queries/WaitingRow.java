package com.allocationdesk.allocation.queries;

import java.time.Instant;

/** An order line waiting for stock since {@code since}. */
public record WaitingRow(String orderId, String sku, int quantity, Instant since) {
}

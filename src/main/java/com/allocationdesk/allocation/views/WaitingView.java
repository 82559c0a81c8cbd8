package com.allocationdesk.allocation.views;

import java.time.Instant;

/** An order line waiting for stock since {@code since}. */
public record WaitingView(String orderId, String sku, int quantity, Instant since) {
}

package com.allocationdesk.allocation.queries;

import java.time.Instant;

/** A stored out-of-stock notification. */
public record NotificationRow(long id, Instant at, String sku, String orderId, int quantity, boolean read) {
}

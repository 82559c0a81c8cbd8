package com.allocationdesk.allocation.views;

import java.time.Instant;

/** A stored out-of-stock notification. */
public record NotificationView(long id, Instant at, String sku, String orderId, int quantity, boolean read) {
}

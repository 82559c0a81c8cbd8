package com.allocationdesk.allocation.domain;

import java.time.Instant;

/**
 * An order line no batch could take: a backorder. It keeps its place in the queue
 * ({@code sequence}, then {@code since}) and is allocated first-come first-served when stock
 * arrives.
 */
public record WaitingLine(String orderId, String sku, int quantity, Instant since, long sequence) {
    public OrderLine line() {
        return new OrderLine(orderId, sku, quantity);
    }
}

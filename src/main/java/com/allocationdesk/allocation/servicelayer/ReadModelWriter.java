package com.allocationdesk.allocation.servicelayer;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Port: writes the denormalised read tables (CQRS). Obtained from a {@link UnitOfWork}, so its
 * writes commit or roll back with the change that caused them. Projections call it; queries read
 * what it wrote.
 */
public interface ReadModelWriter {
    void insertBatch(String reference, String sku, LocalDate eta, int purchased);

    void setPurchased(String reference, int purchased);

    void addAllocated(String reference, int delta);

    void insertAllocation(String orderId, String sku, int quantity, String batchReference);

    void deleteAllocation(String orderId, String sku);

    /** Inserts the waiting line, or leaves it as it is when it is already there. */
    void upsertWaiting(String orderId, String sku, int quantity, Instant since);

    void deleteWaiting(String orderId, String sku);

    void insertNotification(Instant at, String sku, String orderId, int quantity);

    void markNotificationsRead();

    /**
     * Recomputes every read table (but the notifications, which are history) from the write model,
     * for when a projection failed and the read tables drifted.
     */
    void rebuildFromWriteModel();
}

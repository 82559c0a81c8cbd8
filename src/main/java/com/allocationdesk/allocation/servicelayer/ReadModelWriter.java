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

    /** A waiting line's new quantity, in the queue and in its open alert (if it has one). */
    void setWaitingQuantity(String orderId, String sku, int quantity);

    /**
     * Opens an out-of-stock alert (state OPEN, unread) for the waiting line, unless the line already
     * has an open one: a waiting line has one open alert, however often it is told "out of stock".
     */
    void openAlert(Instant at, String sku, String orderId, int quantity);

    /** Resolves the line's open alert, if it has one, as allocated to {@code batchReference}. */
    void resolveAlertAllocated(String orderId, String sku, String batchReference, Instant at);

    /** Resolves the line's open alert, if it has one, as cancelled. */
    void resolveAlertCancelled(String orderId, String sku, Instant at);

    void markNotificationsRead();

    /**
     * Recomputes every read table from the write model, for when a projection failed and the read
     * tables drifted. The notifications are history and stay, but their states are made true again
     * (at {@code at}): exactly the waiting lines have an open alert (one is opened for a waiting line
     * that has none), every other open alert is resolved (allocated, to the batch that holds the line,
     * or else cancelled; a second open alert of a waiting line is superseded).
     */
    void rebuildFromWriteModel(Instant at);
}

package com.allocationdesk.allocation.queries;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Where one line of an order stands now, and why ({@link OrderStatusQuery}).
 *
 * @param batchReference   ALLOCATED: the batch it is in; CANCELLED: the batch it left, or null when it was waiting
 * @param eta              ALLOCATED: that batch's ETA, null for warehouse stock; else null
 * @param since            ALLOCATED: when it was placed (its last {@code line.allocated} entry); WAITING: since
 *                         when it waits; CANCELLED: when it was cancelled. Null when the log does not go back that
 *                         far (a line placed before the desk kept a log)
 * @param position         WAITING: its place in the SKU's queue (1 = served first); else null
 * @param largestAvailable WAITING: the most any one batch of the SKU has free now (0: none); else null
 * @param why              the sentence of the entry that put it there ({@link HistorySentences}), or for a waiting
 *                         line what it waits for now; null when the log has no such entry
 */
public record OrderLineStatusRow(String orderId, String sku, int quantity, State state, String batchReference,
                                 LocalDate eta, Instant since, Integer position, Integer largestAvailable, String why) {
    /** The three places a line can be. */
    public enum State {
        ALLOCATED,
        WAITING,
        CANCELLED
    }
}

package com.allocationdesk.allocation.servicelayer;

import java.time.Instant;

/**
 * Port: the receipts of the inbox, one per chunk of a file taken (docs/EVENTS.md "Consumed: the
 * inbox folder"). Obtained from a {@link UnitOfWork}, so a receipt commits or rolls back with what
 * the chunk changed: a chunk is either carried out and remembered, or neither.
 */
public interface InboxReceipts {
    /** Whether the chunk of the file with this content hash was taken (by a committed unit of work, or by this one). */
    boolean taken(String contentHash, int chunk);

    /** Records, in this unit of work, that it takes the chunk. */
    void record(Receipt receipt);

    /** One chunk taken: which file (its hash and name), which chunk, how many commands, whether the last, when. */
    record Receipt(String contentHash, int chunk, String file, int commands, boolean last, Instant takenAt) {
    }
}

package com.allocationdesk.allocation.adapters.jdbc;

import com.allocationdesk.allocation.servicelayer.InboxReceipts;

/**
 * The inbox's receipts of one unit of work, read on its connection and written there in
 * {@link #write()}, which the unit of work calls inside its commit: they commit with it.
 */
public interface TransactionalInboxReceipts extends InboxReceipts {
    /** Writes the receipts recorded. */
    void write();

    /** Makes the receipts of a unit of work, on its connection. */
    @FunctionalInterface
    interface Factory {
        TransactionalInboxReceipts on(ConnectionRunner connection);
    }
}

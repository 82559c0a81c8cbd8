package com.allocationdesk.allocation.adapters.jdbc;

import com.allocationdesk.allocation.servicelayer.InboxReceipts;

/** The inbox's receipts of one unit of work, read and written on its connection: they commit with it. */
public interface TransactionalInboxReceipts extends InboxReceipts {
    /** Makes the receipts of a unit of work, on its connection. */
    @FunctionalInterface
    interface Factory {
        TransactionalInboxReceipts on(ConnectionRunner connection);
    }
}

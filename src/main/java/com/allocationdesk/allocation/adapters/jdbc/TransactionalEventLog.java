package com.allocationdesk.allocation.adapters.jdbc;

import com.allocationdesk.allocation.servicelayer.EventLogWriter;

/**
 * The event log of one unit of work: it keeps what was appended and writes it over that unit's
 * connection in {@link #write()}, which the unit of work calls inside the store's commit
 * ({@link CommitGate#commit}), just before the database commit. Numbering the entries there, after
 * the last number the store's {@link CommitGate#lastLedgerNumber} gives, puts them in commit order
 * (docs/EVENTS.md, "Sequence numbers").
 */
public interface TransactionalEventLog extends EventLogWriter {
    /** Writes the appended events, numbered after the last entry of the log. */
    void write();

    /** Makes the event log of a unit of work, on its connection, numbered as its store's {@code gate} says. */
    @FunctionalInterface
    interface Factory {
        TransactionalEventLog on(ConnectionRunner connection, CommitGate gate);
    }
}

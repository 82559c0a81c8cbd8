package com.allocationdesk.allocation.adapters.jdbc;

import com.allocationdesk.allocation.servicelayer.ReadModelWriter;

/**
 * The read-model writer of one unit of work: it writes over that unit's connection (so its rows
 * commit or roll back with the change they mirror), all in {@link #flush()}, which the unit of work
 * calls once, inside its commit ({@link HeldWrites}).
 */
public interface TransactionalReadModel extends ReadModelWriter {
    /** Writes what was held back. */
    void flush();

    /** Makes the writer of a unit of work, on its connection. */
    @FunctionalInterface
    interface Factory {
        TransactionalReadModel on(ConnectionRunner connection);
    }
}

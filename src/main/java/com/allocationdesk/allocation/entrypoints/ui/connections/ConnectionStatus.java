package com.allocationdesk.allocation.entrypoints.ui.connections;

import java.util.function.Consumer;

/**
 * The seam between a connection's runtime and its item on the window's status bar
 * ({@code ConnectionsBarViewModel}): the outbox's is {@link OutboxPublisher}, the inbox's
 * {@link InboxWatcher}; {@link WindowConnections} hands them out.
 */
public interface ConnectionStatus {
    /** What the item shows now. Any thread. */
    ConnectionState state();

    /**
     * Calls {@code listener} with every new state, on the thread that changed it (the status bar
     * hands it to the FX thread itself); closing the result stops it.
     */
    AutoCloseable onChange(Consumer<ConnectionState> listener);
}

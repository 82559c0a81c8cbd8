package com.allocationdesk.allocation.entrypoints.ui.connections;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The window's connections to other systems as one thing to start and stop: the outbox relay
 * ({@link OutboxPublisher}) and, once the window takes files in, the inbox's service. The status
 * bar reads each one's {@link ConnectionStatus} here. {@code AllocationDeskApp} calls {@link #start()}
 * once the first data is on screen and {@link #stop()} when the window closes, before the database
 * closes.
 */
@ApplicationScoped
public class WindowConnections {
    private final OutboxPublisher outbox;
    private final ConnectionStatus inbox;

    @Inject
    public WindowConnections(OutboxPublisher outbox, InboxSettingsStatus inbox) {
        this.outbox = outbox;
        this.inbox = inbox;
    }

    /** The status of {@code connection}, for its item on the status bar. */
    public ConnectionStatus status(Connection connection) {
        return connection == Connection.OUTBOX ? outbox : inbox;
    }

    /** Starts what runs in the background: the outbox relay (the inbox's service starts here too, once it exists). */
    public void start() {
        outbox.start();
    }

    /**
     * Stops what runs in the background, each finishing the file in hand (the inbox's service stops
     * here first, once it exists: what it takes in is then still published next time). Calling it
     * again does nothing.
     */
    @PreDestroy
    public void stop() {
        outbox.stop();
    }
}

package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.entrypoints.ui.support.OtherDesks;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The window's connections to other systems as one thing to start and stop: the outbox relay
 * ({@link OutboxPublisher}), the inbox ({@link InboxWatcher}) and the other desks sharing the
 * database ({@link OtherDesks}). The status
 * bar reads each one's {@link ConnectionStatus} here. {@code AllocationDeskApp} calls {@link #start()}
 * once the first data is on screen and {@link #stop()} when the window closes, before the database
 * closes.
 */
@ApplicationScoped
public class WindowConnections {
    private final OutboxPublisher outbox;
    private final InboxWatcher inbox;
    private final OtherDesks otherDesks;

    @Inject
    public WindowConnections(OutboxPublisher outbox, InboxWatcher inbox, OtherDesks otherDesks) {
        this.outbox = outbox;
        this.inbox = inbox;
        this.otherDesks = otherDesks;
    }

    /** The status of {@code connection}, for its item on the status bar. */
    public ConnectionStatus status(Connection connection) {
        return connection == Connection.OUTBOX ? outbox : inbox;
    }

    /** Starts what runs in the background: the inbox, the outbox relay, and following the other desks. */
    public void start() {
        inbox.start();
        outbox.start();
        otherDesks.start();
    }

    /**
     * Stops what runs in the background, each finishing the file or chunk in hand: the inbox first,
     * so what it took in is still published by this window's last run or the next start. Calling it
     * again does nothing.
     */
    @PreDestroy
    public void stop() {
        otherDesks.stop();
        inbox.stop();
        outbox.stop();
    }
}

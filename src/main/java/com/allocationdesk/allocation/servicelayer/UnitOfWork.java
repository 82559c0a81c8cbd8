package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.events.Event;

import java.util.List;

/**
 * Port: one atomic piece of work on the write model. Use it in try-with-resources: closing it
 * without {@link #commit()} rolls everything back.
 */
public interface UnitOfWork extends AutoCloseable {
    ProductRepository products();

    /** The read tables, written in this unit of work's transaction. */
    ReadModelWriter readModel();

    /** The event log, written in this unit of work's transaction (the bus appends to it). */
    EventLogWriter eventLog();

    /** The inbox's receipts, written in this unit of work's transaction ({@code TakeInboxChunk}). */
    InboxReceipts inbox();

    /** Makes the work durable. Throws {@link ConcurrentModification} when another unit of work changed the same product first. */
    void commit();

    /** Rolls back unless committed. */
    @Override
    void close();

    /**
     * The events recorded by every product this unit of work has seen, each returned once. The
     * bus calls this after each handler: events come from the aggregates, not from the handlers.
     */
    default List<Event> collectNewEvents() {
        return products().seen().stream().flatMap(p -> p.pullEvents().stream()).toList();
    }

    /** Makes a fresh unit of work; each handler call gets its own. */
    @FunctionalInterface
    interface Factory {
        UnitOfWork start();
    }
}

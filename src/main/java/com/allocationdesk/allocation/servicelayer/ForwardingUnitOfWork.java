package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.events.Event;

import java.util.List;
import java.util.Objects;

/**
 * A unit of work that hands everything to another one: the base of the wrappers that change one or
 * two of its steps (the bus's {@link ProjectingUnitOfWork}, the shared unit of an included command,
 * tests that hold a unit at its commit).
 */
public abstract class ForwardingUnitOfWork implements UnitOfWork {
    protected final UnitOfWork delegate;

    protected ForwardingUnitOfWork(UnitOfWork delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public ProductRepository products() {
        return delegate.products();
    }

    @Override
    public ReadModelWriter readModel() {
        return delegate.readModel();
    }

    @Override
    public EventLogWriter eventLog() {
        return delegate.eventLog();
    }

    @Override
    public InboxReceipts inbox() {
        return delegate.inbox();
    }

    @Override
    public void commit() {
        delegate.commit();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public List<Event> collectNewEvents() {
        return delegate.collectNewEvents();
    }
}

package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.messages.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The context of one handler call: its own unit of work, started lazily (many handlers never need
 * one), and the messages it emitted. Closing it closes the unit of work, which rolls back unless
 * the handler committed.
 */
final class CallContext implements HandlerContext, AutoCloseable {
    private final UnitOfWork.Factory factory;
    private final List<Message> emitted = new ArrayList<>();
    private UnitOfWork uow;

    CallContext(UnitOfWork.Factory factory) {
        this.factory = factory;
    }

    @Override
    public UnitOfWork uow() {
        if (uow == null) {
            uow = factory.start();
        }
        return uow;
    }

    @Override
    public void emit(Message message) {
        emitted.add(Objects.requireNonNull(message, "message"));
    }

    /** What to handle after this call: the events of the aggregates its unit of work saw, then what it emitted. */
    List<Message> followUps() {
        List<Message> all = new ArrayList<>();
        if (uow != null) {
            all.addAll(uow.collectNewEvents());
        }
        all.addAll(emitted);
        return all;
    }

    @Override
    public void close() {
        if (uow != null) {
            uow.close();
        }
    }
}

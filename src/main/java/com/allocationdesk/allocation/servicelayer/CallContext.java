package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.domain.events.Event;
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
    /** How the bus runs a command's handler in a given context. */
    @FunctionalInterface
    interface Handlers {
        <R> R run(Command<R> command, HandlerContext context);
    }

    private final UnitOfWork.Factory factory;
    private final Handlers handlers;
    private final List<Message> emitted = new ArrayList<>();
    private UnitOfWork uow;

    CallContext(UnitOfWork.Factory factory, Handlers handlers) {
        this.factory = factory;
        this.handlers = handlers;
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

    @Override
    public <R> R handleHere(Command<R> command) {
        return handlers.run(command, new Included(this));
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

    /** The context of a command run with {@link #handleHere}: the same unit of work, its commit left to the caller. */
    private record Included(CallContext outer) implements HandlerContext {
        @Override
        public UnitOfWork uow() {
            return new SharedUnitOfWork(outer.uow());
        }

        @Override
        public void emit(Message message) {
            outer.emit(message);
        }

        @Override
        public <R> R handleHere(Command<R> command) {
            return outer.handleHere(command);
        }
    }

    /** The caller's unit of work, as an included command sees it: its commit and close belong to the caller. */
    private static final class SharedUnitOfWork extends ForwardingUnitOfWork {
        SharedUnitOfWork(UnitOfWork caller) {
            super(caller);
        }

        /** The caller commits, once, for every command it included. */
        @Override
        public void commit() {
        }

        @Override
        public void close() {
        }

        /** The caller collects the events, in order, when it has committed. */
        @Override
        public List<Event> collectNewEvents() {
            return List.of();
        }
    }
}

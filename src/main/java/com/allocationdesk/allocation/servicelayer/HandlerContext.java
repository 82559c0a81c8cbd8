package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.domain.messages.Message;

/** What a handler gets from the bus for one call: its own unit of work, and a way to send follow-up messages. */
public interface HandlerContext {
    /** This call's unit of work, started on first use. */
    UnitOfWork uow();

    /** Queues a message to handle after this handler, for side effects that are not tied to an aggregate. */
    void emit(Message message);

    /**
     * Runs another command's handler inside this call's unit of work and returns its result: its
     * {@code commit()} is left to this handler's, so several commands commit together, or, when one
     * fails, none of them (the inbox's chunks). Its events follow this call's, in order. A failure
     * reaches this handler unchanged; a {@link ConcurrentModification} re-runs this whole call.
     */
    <R> R handleHere(Command<R> command);
}

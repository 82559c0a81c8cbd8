package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.messages.Message;

/** What a handler gets from the bus for one call: its own unit of work, and a way to send follow-up messages. */
public interface HandlerContext {
    /** This call's unit of work, started on first use. */
    UnitOfWork uow();

    /** Queues a message to handle after this handler, for side effects that are not tied to an aggregate. */
    void emit(Message message);
}

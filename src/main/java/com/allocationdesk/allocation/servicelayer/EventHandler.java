package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.events.Event;

/** Reacts to one kind of event. A failure is logged and does not stop the other handlers. */
@FunctionalInterface
public interface EventHandler<E extends Event> {
    void handle(E event, HandlerContext context);
}

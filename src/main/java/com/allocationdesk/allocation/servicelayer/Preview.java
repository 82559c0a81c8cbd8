package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.events.Event;

import java.util.List;

/**
 * What a command would do, from {@link MessageBus#preview}: what its handler returned and the events
 * it recorded, in order, none of them written or told to anyone.
 */
public record Preview<R>(R result, List<Event> events) {
    public Preview {
        events = List.copyOf(events);
    }
}

package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.events.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Pushes every event, after its unit of work committed, to live listeners (the window). The
 * bootstrap registers {@link #publish} on the bus as an event handler for every event type, so
 * listeners see cascades too. Thread-safe: listeners may come and go while events flow; they are
 * called on the thread that handled the command, so a window hands them to its own thread. A
 * failing listener is logged and never breaks the bus or the other listeners.
 */
public final class EventBroadcaster {
    private static final Logger log = LoggerFactory.getLogger(EventBroadcaster.class);

    private final CopyOnWriteArrayList<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; closing the returned handle removes it (closing twice is harmless). */
    public AutoCloseable subscribe(Consumer<Event> listener) {
        Consumer<Event> wrapped = Objects.requireNonNull(listener, "listener")::accept;
        listeners.add(wrapped);
        return () -> listeners.remove(wrapped);
    }

    public void publish(Event event) {
        for (Consumer<Event> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.error("Listener {} failed on {}; the others still hear of it", listener, event, e);
            }
        }
    }

    public int listenerCount() {
        return listeners.size();
    }
}

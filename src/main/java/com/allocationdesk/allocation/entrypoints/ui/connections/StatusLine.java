package com.allocationdesk.allocation.entrypoints.ui.connections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A {@link ConnectionStatus} that a connection's runtime sets: it holds the latest state and tells each new one. */
public final class StatusLine implements ConnectionStatus {
    private static final Logger log = LoggerFactory.getLogger(StatusLine.class);
    private final List<Consumer<ConnectionState>> listeners = new CopyOnWriteArrayList<>();
    private ConnectionState state;

    public StatusLine(ConnectionState initial) {
        this.state = Objects.requireNonNull(initial, "initial");
    }

    /** Shows {@code next}; the listeners hear of it, on this thread, unless it is what is shown already. */
    public void set(ConnectionState next) {
        Objects.requireNonNull(next, "next");
        synchronized (this) {
            if (next.equals(state)) {
                return;
            }
            state = next;
        }
        for (Consumer<ConnectionState> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.error("A status listener failed on {}; the others still hear of it", next, e);
            }
        }
    }

    @Override
    public synchronized ConnectionState state() {
        return state;
    }

    @Override
    public AutoCloseable onChange(Consumer<ConnectionState> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }
}

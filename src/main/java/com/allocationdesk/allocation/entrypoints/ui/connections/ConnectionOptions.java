package com.allocationdesk.allocation.entrypoints.ui.connections;

import java.util.Map;
import java.util.Objects;

/**
 * What the window was started with for its connections: the options {@code --outbox DIR} and
 * {@code --inbox DIR} (null when not given) and the environment ({@code ALLOCATION_DESK_OUTBOX},
 * {@code ALLOCATION_DESK_INBOX}). Supplied to the container by {@code AllocationDeskApp}; a folder
 * named here wins over the saved settings and cannot be changed in the window.
 */
public record ConnectionOptions(String outbox, String inbox, Map<String, String> env) {
    /** No option and an empty environment: only the saved settings count (the tests' windows). */
    public static final ConnectionOptions NONE = new ConnectionOptions(null, null, Map.of());

    public ConnectionOptions {
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** The option of {@code connection}, or null when it was not given. */
    public String option(Connection connection) {
        return connection == Connection.OUTBOX ? outbox : inbox;
    }
}

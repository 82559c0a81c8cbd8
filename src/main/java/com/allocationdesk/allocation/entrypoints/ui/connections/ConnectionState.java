package com.allocationdesk.allocation.entrypoints.ui.connections;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connection's item on the status bar shows: one line ("Outbox: up to #42, last file
 * 14:03:07", "Outbox: off", "Outbox: cannot write to /srv/out (permission denied) — retrying"),
 * whether it tells a failure (shown as one), and the folder a click opens (empty: none, the click
 * opens Tools ▸ Connections… instead).
 */
public record ConnectionState(String text, boolean error, Optional<Path> folder) {
    public ConnectionState {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(folder, "folder");
    }

    /** "Outbox: off". */
    public static ConnectionState off(Connection connection) {
        return new ConnectionState(connection.title() + ": off", false, Optional.empty());
    }

    /** What a connection tells while it works as it should. */
    public static ConnectionState fine(String text, Path folder) {
        return new ConnectionState(text, false, Optional.ofNullable(folder));
    }

    /** What a connection tells when it cannot do its work. */
    public static ConnectionState failed(String text, Path folder) {
        return new ConnectionState(text, true, Optional.ofNullable(folder));
    }
}

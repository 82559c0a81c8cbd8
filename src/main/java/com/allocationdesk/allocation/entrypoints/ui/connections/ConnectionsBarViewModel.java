package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.entrypoints.ui.support.FxThread;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The two connection items of the status bar, "Outbox: …" and "Inbox: …", each fed by its
 * {@link ConnectionStatus} (pushed from the connection's own thread, shown on the FX thread).
 */
@Dependent
public class ConnectionsBarViewModel {
    private final Map<Connection, Item> items = new EnumMap<>(Connection.class);

    @Inject
    public ConnectionsBarViewModel(WindowConnections connections) {
        for (Connection connection : Connection.values()) {
            items.put(connection, new Item(connections.status(connection)));
        }
    }

    public Item item(Connection connection) {
        return items.get(connection);
    }

    /** One item: its line, whether it tells a failure, and the folder a click opens. */
    public static final class Item {
        private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
        private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper(this, "error", false);
        private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper(this, "hint", "");
        private Optional<Path> folder = Optional.empty();

        Item(ConnectionStatus status) {
            show(status.state());
            status.onChange(state -> FxThread.run(() -> show(state)));
        }

        private void show(ConnectionState state) {
            text.set(state.text());
            error.set(state.error());
            folder = state.folder();
            hint.set(folder.map(f -> "Open " + f).orElse("Tools ▸ Connections…: choose the folder"));
        }

        /** What a click opens: the folder, or (empty) the Connections dialog. */
        public Optional<Path> folder() {
            return folder;
        }

        public ReadOnlyStringProperty textProperty() {
            return text.getReadOnlyProperty();
        }

        public ReadOnlyBooleanProperty errorProperty() {
            return error.getReadOnlyProperty();
        }

        /** The tooltip: what a click does. */
        public ReadOnlyStringProperty hintProperty() {
            return hint.getReadOnlyProperty();
        }
    }
}

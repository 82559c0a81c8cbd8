package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.ErrorText;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;

import java.util.EnumMap;
import java.util.Map;

/**
 * Tools ▸ Connections…: the outbox and inbox folders, each on or off. Saving runs off the FX thread
 * (it may create a folder) through {@link ConnectionSettings#save}; a refusal is the error line and
 * nothing is saved; once saved the dialog is done (and the outbox relay picks the change up by itself).
 */
@Dependent
public class ConnectionsDialogViewModel {
    private final ConnectionSettings settings;
    private final WorkState work;
    private final Map<Connection, FolderFields> fields = new EnumMap<>(Connection.class);
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done", false);

    @Inject
    public ConnectionsDialogViewModel(ConnectionSettings settings, BackgroundRunner runner) {
        this.settings = settings;
        this.work = new WorkState(runner);
        for (Connection connection : Connection.values()) {
            FolderFields folder = new FolderFields(connection);
            folder.show(settings.current(connection));
            fields.put(connection, folder);
        }
    }

    public FolderFields fields(Connection connection) {
        return fields.get(connection);
    }

    /** Checks and saves what the planner chose for the connections the dialog may change. */
    public void save() {
        if (work.isBusy()) {
            return;
        }
        work.clearError();
        Map<Connection, ConnectionSettings.Choice> choices = new EnumMap<>(Connection.class);
        fields.forEach((connection, folder) -> {
            if (!folder.fixedProperty().get()) {
                choices.put(connection, folder.choice());
            }
        });
        work.task(progress -> {
                    settings.save(choices);
                    return true;
                })
                .failureText(error -> error instanceof SettingRefused ? error.getMessage() : ErrorText.of(error))
                .onSuccess(saved -> done.set(true))
                .start();
    }

    /** Why the last save was refused; empty when it was not. */
    public ReadOnlyStringProperty errorMessageProperty() {
        return work.errorMessageProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    /** True once the settings were saved: the dialog closes. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }
}

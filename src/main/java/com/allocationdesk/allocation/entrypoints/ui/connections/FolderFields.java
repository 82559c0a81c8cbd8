package com.allocationdesk.allocation.entrypoints.ui.connections;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * One connection's part of the Connections dialog: on or off, the folder as typed, whether the
 * window's option or the environment fixed it (then both cannot be changed), and the line under it
 * (where a fixed folder comes from, what is wrong with a saved one, or what the folder is for).
 */
public final class FolderFields {
    private final Connection connection;
    private final BooleanProperty on = new SimpleBooleanProperty(this, "on", false);
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private final ReadOnlyBooleanWrapper fixed = new ReadOnlyBooleanWrapper(this, "fixed", false);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");

    FolderFields(Connection connection) {
        this.connection = connection;
    }

    /** Shows {@code setting}. */
    void show(FolderSetting setting) {
        on.set(setting.on());
        folder.set(setting.folder() == null ? "" : setting.folder().toString());
        fixed.set(setting.fixed());
        note.set(noteFor(setting));
    }

    private static String noteFor(FolderSetting setting) {
        if (!setting.problem().isEmpty()) {
            return setting.problem();
        }
        String word = setting.connection().word();
        return switch (setting.source()) {
            case OPTION -> "Set by " + setting.connection().option() + " when the window was started: the " + word
                    + " is on, and cannot be changed here.";
            case ENVIRONMENT -> "Set by the environment variable " + setting.connection().environmentVariable()
                    + ": the " + word + " is on, and cannot be changed here.";
            case SAVED -> setting.connection() == Connection.OUTBOX
                    ? "Every change the desk commits is written there as JSON Lines files, in order, for other systems to read."
                    : "Other systems drop files there for the desk to take in.";
        };
    }

    /** A folder the planner chose with Browse…: it is meant to be used, so the connection is turned on. */
    public void chosen(Path chosen) {
        folder.set(chosen.toString());
        on.set(true);
    }

    /** Where Browse… starts: the folder typed, when it is a path; else null. */
    public Path typedFolder() {
        String text = folder.get() == null ? "" : folder.get().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    ConnectionSettings.Choice choice() {
        return new ConnectionSettings.Choice(on.get(), folder.get());
    }

    public Connection connection() {
        return connection;
    }

    public BooleanProperty onProperty() {
        return on;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public ReadOnlyBooleanProperty fixedProperty() {
        return fixed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }
}

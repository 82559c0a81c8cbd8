package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.scene.control.Alert;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Port: the windows a screen opens besides its own. Controllers ask this service, so none of them
 * creates windows itself. The window uses {@link FxDialogService}; window tests swap in a double
 * that answers the file and folder choosers (a native chooser cannot be driven headless).
 */
public interface DialogService {

    /**
     * Shows the dialog {@code fxml} (next to {@code controllerType}) over {@code owner};
     * {@code prepare} gets the controller before the dialog shows. Returns at once (non-blocking).
     */
    <C> Stage open(Class<C> controllerType, String fxml, String title, Window owner, Consumer<C> prepare);

    /**
     * Shows a message over {@code owner} without blocking: {@code lines} (may be empty) are listed
     * under the text, one per row (every bad row of an import file, however many).
     */
    Alert message(Alert.AlertType type, Window owner, String title, String text, List<String> lines);

    /**
     * Asks before an act that cannot be undone, without blocking: {@code act} runs only when the
     * planner confirms ({@code confirm} names the act on the button; Enter presses it); Esc or
     * Cancel keeps everything as it is.
     */
    Alert confirm(Window owner, String title, String text, String confirm, Runnable act);

    /** Asks for a CSV file to read; empty when the planner chose none. */
    Optional<Path> chooseCsv(Window owner, String title);

    /**
     * Asks where to save a CSV file, suggesting {@code suggestedName}; empty when the planner chose
     * none. (Whether a file there may be replaced is the chooser's question.)
     */
    Optional<Path> chooseCsvToSave(Window owner, String title, String suggestedName);

    /** Asks for a folder, starting in {@code initial} when it is one (may be null); empty when the planner chose none. */
    Optional<Path> chooseFolder(Window owner, String title, Path initial);
}

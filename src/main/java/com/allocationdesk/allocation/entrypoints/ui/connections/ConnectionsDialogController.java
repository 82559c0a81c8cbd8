package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;

/** ConnectionsDialog.fxml (Tools ▸ Connections…): Enter saves, Esc closes without saving. */
@Dependent
public class ConnectionsDialogController {
    static final String FXML = "ConnectionsDialog.fxml";

    private final ConnectionsDialogViewModel viewModel;
    private final DialogService dialogs;

    @FXML private CheckBox outboxOnBox;
    @FXML private TextField outboxFolderField;
    @FXML private Button outboxBrowseButton;
    @FXML private Label outboxNoteLabel;
    @FXML private CheckBox inboxOnBox;
    @FXML private TextField inboxFolderField;
    @FXML private Button inboxBrowseButton;
    @FXML private Label inboxNoteLabel;
    @FXML private Label connectionsErrorLabel;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button cancelButton;
    @FXML private Button saveButton;

    @Inject
    public ConnectionsDialogController(ConnectionsDialogViewModel viewModel, DialogService dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
    }

    /** Opens the dialog over {@code owner}. */
    public static void open(DialogService dialogs, Window owner) {
        dialogs.open(ConnectionsDialogController.class, FXML, "Connections", owner, c -> { });
    }

    @FXML
    private void initialize() {
        bind(viewModel.fields(Connection.OUTBOX), outboxOnBox, outboxFolderField, outboxBrowseButton, outboxNoteLabel);
        bind(viewModel.fields(Connection.INBOX), inboxOnBox, inboxFolderField, inboxBrowseButton, inboxNoteLabel);
        ViewBindings.message(connectionsErrorLabel, viewModel.errorMessageProperty());
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        saveButton.disableProperty().bind(viewModel.busyProperty());
        viewModel.doneProperty().addListener((obs, old, done) -> {
            if (done) {
                close();
            }
        });
    }

    private void bind(FolderFields fields, CheckBox on, TextField folder, Button browse, Label note) {
        on.selectedProperty().bindBidirectional(fields.onProperty());
        folder.textProperty().bindBidirectional(fields.folderProperty());
        on.disableProperty().bind(fields.fixedProperty());
        folder.disableProperty().bind(fields.fixedProperty());
        browse.disableProperty().bind(fields.fixedProperty());
        ViewBindings.message(note, fields.noteProperty());
        browse.setOnAction(e -> dialogs.chooseFolder(folder.getScene().getWindow(),
                "Choose the " + fields.connection().word() + " folder", fields.typedFolder()).ifPresent(fields::chosen));
    }

    @FXML
    void onSave() {
        viewModel.save();
    }

    @FXML
    void onCancel() {
        close();
    }

    private void close() {
        ((Stage) cancelButton.getScene().getWindow()).close();
    }
}

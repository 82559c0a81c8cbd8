package com.allocationdesk.allocation.entrypoints.ui.exports;

import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.nio.file.Path;

/**
 * ExportDialog.fxml: one export's progress bar and count with Cancel, then how it ended with Close.
 * Esc cancels a running export (and closes the dialog once it ended); closing the dialog cancels it too.
 */
@Dependent
public class ExportDialogController {
    private final ExportViewModel viewModel;

    @FXML private VBox exportRoot;
    @FXML private Label exportTitle;
    @FXML private ProgressBar exportProgress;
    @FXML private Label exportText;
    @FXML private Button cancelExportButton;
    @FXML private Button closeExportButton;

    @Inject
    public ExportDialogController(ExportViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** Opens the dialog over {@code owner} and starts writing {@code export} to {@code file}. */
    public static void open(DialogService dialogs, Window owner, TableExport<?> export, Path file) {
        dialogs.open(ExportDialogController.class, "ExportDialog.fxml", "Export " + export.many(), owner,
                c -> c.viewModel.start(export, file));
    }

    @FXML
    private void initialize() {
        exportTitle.textProperty().bind(viewModel.titleProperty());
        exportText.textProperty().bind(viewModel.textProperty());
        exportProgress.progressProperty().bind(viewModel.progressProperty());
        ViewBindings.showWhile(cancelExportButton, viewModel.runningProperty());
        ViewBindings.showWhile(closeExportButton, viewModel.runningProperty().not());
        viewModel.failedProperty().addListener((obs, was, failed) -> exportText.getStyleClass().add("danger"));
        viewModel.runningProperty().addListener((obs, was, running) -> {
            if (!running) {
                closeExportButton.requestFocus();
            }
        });
        exportRoot.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                if (viewModel.runningProperty().get()) {
                    onCancel();
                } else {
                    onClose();
                }
            }
        });
        exportRoot.sceneProperty().addListener((sceneChange, oldScene, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((windowChange, oldWindow, window) -> {
                    if (window != null) {
                        window.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> viewModel.cancel());
                    }
                });
            }
        });
    }

    public ExportViewModel viewModel() {
        return viewModel;
    }

    @FXML
    void onCancel() {
        viewModel.cancel();
    }

    @FXML
    void onClose() {
        ((Stage) exportRoot.getScene().getWindow()).close();
    }
}

package com.allocationdesk.allocation.entrypoints.ui.orders;

import jakarta.enterprise.context.Dependent;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * CancelLineDialog.fxml, the question Cancel line asks once: it names the order, the SKU, the
 * quantity and where the line is. Enter cancels the line (the default button); Esc, Space and
 * "Keep the line" (which has the focus, so Space alone never cancels) keep it.
 */
@Dependent
public class CancelLineDialogController {
    @FXML private Label cancelQuestionLabel;
    @FXML private Button keepButton;
    @FXML private Button confirmCancelButton;
    private Runnable confirmed = () -> { };

    @FXML
    private void initialize() {
        keepButton.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                keepButton.requestFocus();
                // Enter confirms wherever the focus is (a focused button would otherwise take it)
                scene.addEventFilter(KeyEvent.KEY_PRESSED, key -> {
                    if (key.getCode() == KeyCode.ENTER) {
                        key.consume();
                        onConfirm();
                    }
                });
            }
        });
    }

    /** The question, and what a yes does. */
    void ask(OrdersViewModel.CancelQuestion question, Runnable onConfirmed) {
        cancelQuestionLabel.setText(question.text() + " Its stock goes to the lines waiting for it.");
        this.confirmed = onConfirmed;
        keepButton.requestFocus();
    }

    @FXML
    void onConfirm() {
        close();
        confirmed.run();
    }

    @FXML
    void onKeep() {
        close();
    }

    private void close() {
        ((Stage) keepButton.getScene().getWindow()).close();
    }
}

package com.allocationdesk.allocation.entrypoints.ui.batches;

import com.allocationdesk.allocation.entrypoints.ui.support.FieldView;
import com.allocationdesk.allocation.views.BatchView;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

/** ChangeQuantityDialog.fxml: Enter saves the new quantity, Esc closes the dialog. */
@Dependent
public class ChangeQuantityDialogController {
    private final ChangeQuantityDialogViewModel viewModel;

    @FXML private Label descriptionLabel;
    @FXML private TextField quantityField;
    @FXML private Label quantityError;
    @FXML private Label errorLabel;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button saveButton;
    @FXML private Button cancelButton;

    @Inject
    public ChangeQuantityDialogController(ChangeQuantityDialogViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        FieldView.bind(quantityField, quantityError, viewModel.quantity());
        descriptionLabel.textProperty().bind(viewModel.descriptionProperty());
        errorLabel.textProperty().bind(viewModel.errorMessageProperty());
        errorLabel.visibleProperty().bind(viewModel.errorMessageProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        saveButton.disableProperty().bind(viewModel.canSubmitProperty().not());
        viewModel.doneProperty().addListener((obs, old, done) -> {
            if (done) {
                onCancel();
            }
        });
    }

    void prepare(BatchView batch) {
        viewModel.prepare(batch);
        quantityField.selectAll();
    }

    @FXML
    void onSave() {
        viewModel.submit();
    }

    @FXML
    void onCancel() {
        ((Stage) cancelButton.getScene().getWindow()).close();
    }
}

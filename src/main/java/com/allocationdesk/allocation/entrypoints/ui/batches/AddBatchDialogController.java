package com.allocationdesk.allocation.entrypoints.ui.batches;

import com.allocationdesk.allocation.entrypoints.ui.support.FieldView;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

/** AddBatchDialog.fxml: Enter adds the batch, Esc closes the dialog. */
@Dependent
public class AddBatchDialogController {
    private final AddBatchDialogViewModel viewModel;

    @FXML private TextField referenceField;
    @FXML private Label referenceError;
    @FXML private TextField skuField;
    @FXML private Label skuError;
    @FXML private TextField quantityField;
    @FXML private Label quantityError;
    @FXML private TextField etaField;
    @FXML private Label etaError;
    @FXML private Label errorLabel;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button addButton;
    @FXML private Button cancelButton;

    @Inject
    public AddBatchDialogController(AddBatchDialogViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        FieldView.bind(referenceField, referenceError, viewModel.reference());
        FieldView.bind(skuField, skuError, viewModel.sku());
        FieldView.bind(quantityField, quantityError, viewModel.quantity());
        FieldView.bind(etaField, etaError, viewModel.eta());
        errorLabel.textProperty().bind(viewModel.errorMessageProperty());
        errorLabel.visibleProperty().bind(viewModel.errorMessageProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        addButton.disableProperty().bind(viewModel.canSubmitProperty().not());
        viewModel.doneProperty().addListener((obs, old, done) -> {
            if (done) {
                onCancel();
            }
        });
    }

    public AddBatchDialogViewModel viewModel() {
        return viewModel;
    }

    @FXML
    void onAdd() {
        viewModel.submit();
    }

    @FXML
    void onCancel() {
        ((Stage) cancelButton.getScene().getWindow()).close();
    }
}

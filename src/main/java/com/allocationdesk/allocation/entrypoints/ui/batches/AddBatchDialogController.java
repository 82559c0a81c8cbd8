package com.allocationdesk.allocation.entrypoints.ui.batches;

import com.allocationdesk.allocation.entrypoints.ui.support.FieldView;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
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
    @FXML private TextField batchSkuField;
    @FXML private Label batchSkuError;
    @FXML private TextField batchQuantityField;
    @FXML private Label batchQuantityError;
    @FXML private TextField etaField;
    @FXML private Label etaError;
    @FXML private Label etaWarning;
    @FXML private Label dialogErrorLabel;
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
        FieldView.bind(batchSkuField, batchSkuError, viewModel.sku());
        FieldView.bind(batchQuantityField, batchQuantityError, viewModel.quantity());
        FieldView.bind(etaField, etaError, viewModel.eta());
        ViewBindings.message(etaWarning, viewModel.etaWarningProperty());
        ViewBindings.commandForm(viewModel.form(), dialogErrorLabel, busyIndicator, addButton);
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

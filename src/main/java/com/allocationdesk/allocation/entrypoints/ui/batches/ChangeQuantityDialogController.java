package com.allocationdesk.allocation.entrypoints.ui.batches;

import com.allocationdesk.allocation.entrypoints.ui.support.FieldView;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import com.allocationdesk.allocation.queries.BatchRow;
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
    @FXML private TextField newQuantityField;
    @FXML private Label newQuantityError;
    @FXML private Label changeErrorLabel;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button saveButton;
    @FXML private Button cancelButton;

    @Inject
    public ChangeQuantityDialogController(ChangeQuantityDialogViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        FieldView.bind(newQuantityField, newQuantityError, viewModel.quantity());
        descriptionLabel.textProperty().bind(viewModel.descriptionProperty());
        ViewBindings.commandForm(viewModel.form(), changeErrorLabel, busyIndicator, saveButton);
    }

    void prepare(BatchRow batch) {
        viewModel.prepare(batch);
        newQuantityField.selectAll();
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

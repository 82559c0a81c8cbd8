package com.allocationdesk.allocation.entrypoints.ui.batches;

import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.FieldView;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import com.allocationdesk.allocation.queries.BatchRow;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * ChangeQuantityDialog.fxml: the new quantity, what it would move (the view model's preview, which
 * writes nothing), Enter or Apply carries it out, Esc or Cancel closes the dialog and nothing changed.
 */
@Dependent
public class ChangeQuantityDialogController {
    private final ChangeQuantityDialogViewModel viewModel;

    @FXML private Label descriptionLabel;
    @FXML private TextField newQuantityField;
    @FXML private Label newQuantityError;
    @FXML private Label changeErrorLabel;
    @FXML private Label previewLabel;
    @FXML private ListView<String> previewList;
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
        previewLabel.textProperty().bind(viewModel.previewProperty());
        previewList.setItems(viewModel.previewLines());
    }

    /** Opens the dialog for {@code batch} over {@code owner}: the Batches view, a row's context menu. */
    public static void open(DialogService dialogs, Window owner, BatchRow batch) {
        dialogs.open(ChangeQuantityDialogController.class, "ChangeQuantityDialog.fxml",
                "Change quantity of " + batch.reference(), owner, c -> c.prepare(batch));
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

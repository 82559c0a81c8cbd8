package com.allocationdesk.allocation.entrypoints.ui.batches;

import com.allocationdesk.allocation.entrypoints.ui.ledger.LedgerController;
import com.allocationdesk.allocation.entrypoints.ui.support.Columns;
import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.PagerButtons;
import com.allocationdesk.allocation.entrypoints.ui.support.RowAction;
import com.allocationdesk.allocation.entrypoints.ui.support.RowHistory;
import com.allocationdesk.allocation.entrypoints.ui.support.RowMenu;
import com.allocationdesk.allocation.entrypoints.ui.support.SortedColumns;
import com.allocationdesk.allocation.entrypoints.ui.support.TableClipboard;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import com.allocationdesk.allocation.queries.BatchRow;
import com.allocationdesk.allocation.queries.BatchesQuery;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

import java.time.LocalDate;

/** Batches.fxml: the batches table with its SKU filter, and the buttons that open the batch dialogs. */
@Dependent
public class BatchesController {
    private final BatchesViewModel viewModel;
    private final DialogService dialogs;

    @FXML private TextField skuFilterField;
    @FXML private Button addBatchButton;
    @FXML private Button changeQuantityButton;
    @FXML private Label summaryLabel;
    @FXML private Label errorLabel;
    @FXML private Label batchesPlaceholder;
    @FXML private Label batchesPageLabel;
    @FXML private Button batchesFirstPageButton;
    @FXML private Button batchesPreviousPageButton;
    @FXML private Button batchesNextPageButton;
    @FXML private Button batchesLastPageButton;
    @FXML private TableView<BatchRow> batchesTable;
    @FXML private TableColumn<BatchRow, String> referenceColumn;
    @FXML private TableColumn<BatchRow, String> skuColumn;
    @FXML private TableColumn<BatchRow, LocalDate> etaColumn;
    @FXML private TableColumn<BatchRow, Integer> purchasedColumn;
    @FXML private TableColumn<BatchRow, Integer> allocatedColumn;
    @FXML private TableColumn<BatchRow, Integer> availableColumn;

    @Inject
    public BatchesController(BatchesViewModel viewModel, DialogService dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        skuFilterField.textProperty().bindBidirectional(viewModel.skuFilterProperty());
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        ViewBindings.message(errorLabel, viewModel.errorMessageProperty());
        Columns.of(referenceColumn, BatchRow::reference);
        Columns.of(skuColumn, BatchRow::sku);
        Columns.eta(etaColumn, BatchRow::eta);
        Columns.number(purchasedColumn, BatchRow::purchased);
        Columns.number(allocatedColumn, BatchRow::allocated);
        Columns.number(availableColumn, BatchRow::available);
        batchesTable.setItems(viewModel.batches());
        SortedColumns.handOver(batchesTable, java.util.Map.of(referenceColumn, BatchesQuery.Column.REFERENCE,
                skuColumn, BatchesQuery.Column.SKU, etaColumn, BatchesQuery.Column.ETA,
                purchasedColumn, BatchesQuery.Column.PURCHASED, allocatedColumn, BatchesQuery.Column.ALLOCATED,
                availableColumn, BatchesQuery.Column.AVAILABLE), viewModel.sortProperty(), BatchesQuery.DEFAULT_SORT);
        batchesPlaceholder.textProperty().bind(viewModel.placeholderProperty());
        PagerButtons.bind(viewModel.pages(), viewModel.pages().pageTextProperty(), batchesPageLabel,
                batchesFirstPageButton, batchesPreviousPageButton, batchesNextPageButton, batchesLastPageButton);
        changeQuantityButton.disableProperty().bind(batchesTable.getSelectionModel().selectedItemProperty().isNull());
        TableClipboard.install(batchesTable);
        RowHistory.offer(batchesTable, batch -> LedgerController.openBatch(dialogs, window(), batch.reference()));
        RowMenu.action(batchesTable, "Change quantity…", batch -> onChangeQuantity());
        batchesTable.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                onChangeQuantity();
            }
        });
        RowAction.onEnter(batchesTable, batch -> onChangeQuantity());
        viewModel.reload();
    }

    @FXML
    void onAddBatch() {
        dialogs.open(AddBatchDialogController.class, "AddBatchDialog.fxml", "Add a batch", window(), c -> { });
    }

    @FXML
    void onChangeQuantity() {
        BatchRow batch = batchesTable.getSelectionModel().getSelectedItem();
        if (batch != null) {
            dialogs.open(ChangeQuantityDialogController.class, "ChangeQuantityDialog.fxml",
                    "Change quantity of " + batch.reference(), window(), c -> c.prepare(batch));
        }
    }

    @FXML
    void onRefresh() {
        viewModel.reload();
    }

    /** The view model behind the table (the window watches its first result). */
    public BatchesViewModel viewModel() {
        return viewModel;
    }

    public void focusFilter() {
        skuFilterField.requestFocus();
    }

    private javafx.stage.Window window() {
        return batchesTable.getScene() == null ? null : batchesTable.getScene().getWindow();
    }
}

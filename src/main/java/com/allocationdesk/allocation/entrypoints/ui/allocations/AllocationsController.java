package com.allocationdesk.allocation.entrypoints.ui.allocations;

import com.allocationdesk.allocation.entrypoints.ui.ledger.LedgerController;
import com.allocationdesk.allocation.entrypoints.ui.support.Columns;
import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.PagerButtons;
import com.allocationdesk.allocation.entrypoints.ui.support.RowHistory;
import com.allocationdesk.allocation.entrypoints.ui.support.SortedColumns;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.queries.AllocationsQuery;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Window;

import java.util.Map;

/** Allocations.fxml: every allocation, filtered by order id and SKU, sorted by a header click, one page at a time. */
@Dependent
public class AllocationsController {
    private final AllocationsViewModel viewModel;
    private final DialogService dialogs;

    @FXML private TextField orderFilterField;
    @FXML private TextField skuFilterField;
    @FXML private Button firstPageButton;
    @FXML private Button previousPageButton;
    @FXML private Button nextPageButton;
    @FXML private Button lastPageButton;
    @FXML private Label pageLabel;
    @FXML private Label errorLabel;
    @FXML private Label placeholderLabel;
    @FXML private Hyperlink openOrderLink;
    @FXML private TableView<AllocationRow> allocationsTable;
    @FXML private TableColumn<AllocationRow, String> orderColumn;
    @FXML private TableColumn<AllocationRow, String> skuColumn;
    @FXML private TableColumn<AllocationRow, Integer> quantityColumn;
    @FXML private TableColumn<AllocationRow, String> batchColumn;

    @Inject
    public AllocationsController(AllocationsViewModel viewModel, DialogService dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        orderFilterField.textProperty().bindBidirectional(viewModel.orderFilterProperty());
        skuFilterField.textProperty().bindBidirectional(viewModel.skuFilterProperty());
        PagerButtons.bind(viewModel.pages(), viewModel.pageTextProperty(), pageLabel,
                firstPageButton, previousPageButton, nextPageButton, lastPageButton);
        ViewBindings.message(errorLabel, viewModel.errorMessageProperty());
        Columns.of(orderColumn, AllocationRow::orderId);
        Columns.of(skuColumn, AllocationRow::sku);
        Columns.number(quantityColumn, AllocationRow::quantity);
        Columns.of(batchColumn, AllocationRow::batchReference);
        allocationsTable.setItems(viewModel.rows());
        SortedColumns.handOver(allocationsTable, Map.of(orderColumn, AllocationsQuery.Column.ORDER,
                skuColumn, AllocationsQuery.Column.SKU, quantityColumn, AllocationsQuery.Column.QUANTITY,
                batchColumn, AllocationsQuery.Column.BATCH), viewModel.sortProperty(), AllocationsQuery.DEFAULT_SORT);
        placeholderLabel.textProperty().bind(viewModel.placeholderProperty());
        ViewBindings.showWhile(openOrderLink, viewModel.placeholderOrderProperty().isNotEmpty());
        RowHistory.offer(allocationsTable, row -> LedgerController.openLine(dialogs, window(), row.orderId(), row.sku()));
        viewModel.reload();
    }

    @FXML
    void onOpenOrder() {
        String order = viewModel.placeholderOrderProperty().get();
        if (!order.isEmpty()) {
            LedgerController.openOrder(dialogs, window(), order);
        }
    }

    private Window window() {
        return allocationsTable.getScene() == null ? null : allocationsTable.getScene().getWindow();
    }

    @FXML
    void onRefresh() {
        viewModel.reload();
    }

    public AllocationsViewModel viewModel() {
        return viewModel;
    }
}

package com.allocationdesk.allocation.entrypoints.ui.allocations;

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
import java.util.function.Consumer;

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
    /** What "Cancel line…" on a row does (the window hands the line to the Orders form). */
    private Consumer<AllocationRow> cancelLine = row -> { };
    private Consumer<AllocationRow> changeQuantity = row -> { };

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
        TableClipboard.install(allocationsTable);
        RowHistory.offer(allocationsTable, row -> LedgerController.openLine(dialogs, window(), row.orderId(), row.sku()));
        RowMenu.action(allocationsTable, "Change quantity…", row -> changeQuantity.accept(row));
        RowMenu.action(allocationsTable, "Cancel line…", row -> cancelLine.accept(row));
        RowAction.onEnter(allocationsTable, row -> LedgerController.openLine(dialogs, window(), row.orderId(), row.sku()));
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

    /** "Cancel line…" and "Change quantity…" on a row hand the row to these (the Orders view's actions). */
    public void onLineActions(Consumer<AllocationRow> cancel, Consumer<AllocationRow> change) {
        this.cancelLine = cancel;
        this.changeQuantity = change;
    }

    /** The screen's main field, where the focus goes when the view shows. */
    public void focusFilter() {
        orderFilterField.requestFocus();
    }

    public AllocationsViewModel viewModel() {
        return viewModel;
    }
}

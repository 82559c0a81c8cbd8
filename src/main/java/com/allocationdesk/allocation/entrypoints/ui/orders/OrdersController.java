package com.allocationdesk.allocation.entrypoints.ui.orders;

import com.allocationdesk.allocation.entrypoints.ui.ledger.LedgerController;
import com.allocationdesk.allocation.entrypoints.ui.support.Columns;
import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.FxThread;
import com.allocationdesk.allocation.entrypoints.ui.support.DisplayFormats;
import com.allocationdesk.allocation.entrypoints.ui.support.FieldView;
import com.allocationdesk.allocation.entrypoints.ui.support.PagerButtons;
import com.allocationdesk.allocation.entrypoints.ui.support.RowAction;
import com.allocationdesk.allocation.entrypoints.ui.support.RowHistory;
import com.allocationdesk.allocation.entrypoints.ui.support.RowMenu;
import com.allocationdesk.allocation.entrypoints.ui.support.SortedColumns;
import com.allocationdesk.allocation.entrypoints.ui.support.TableClipboard;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import com.allocationdesk.allocation.queries.WaitingQuery;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.util.Duration;

import java.time.Instant;
import java.util.Map;

/** Orders.fxml: the allocate / change quantity / cancel form, its result, and the lines waiting for stock. */
@Dependent
public class OrdersController {
    private final OrdersViewModel viewModel;
    private final DialogService dialogs;
    private final DisplayFormats formats;
    private final Timeline clock = new Timeline(new KeyFrame(Duration.seconds(30), e -> tick()));

    @FXML private TextField orderIdField;
    @FXML private Label orderIdError;
    @FXML private TextField skuField;
    @FXML private Label skuError;
    @FXML private TextField quantityField;
    @FXML private Label quantityError;
    @FXML private Button allocateButton;
    @FXML private Button cancelLineButton;
    @FXML private Button changeLineButton;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Label resultLabel;
    @FXML private Label errorLabel;
    @FXML private Label waitingSummaryLabel;
    @FXML private TextField waitingOrderFilterField;
    @FXML private TextField waitingSkuFilterField;
    @FXML private Label waitingPlaceholder;
    @FXML private Label waitingPageLabel;
    @FXML private Button waitingFirstPageButton;
    @FXML private Button waitingPreviousPageButton;
    @FXML private Button waitingNextPageButton;
    @FXML private Button waitingLastPageButton;
    @FXML private TableView<WaitingLineItem> waitingTable;
    @FXML private TableColumn<WaitingLineItem, String> waitingOrderColumn;
    @FXML private TableColumn<WaitingLineItem, String> waitingSkuColumn;
    @FXML private TableColumn<WaitingLineItem, Integer> waitingQuantityColumn;
    @FXML private TableColumn<WaitingLineItem, String> waitedColumn;
    @FXML private TableColumn<WaitingLineItem, Instant> sinceColumn;

    @Inject
    public OrdersController(OrdersViewModel viewModel, DialogService dialogs, DisplayFormats formats) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        this.formats = formats;
    }

    @FXML
    private void initialize() {
        FieldView.bind(orderIdField, orderIdError, viewModel.orderId());
        FieldView.bind(skuField, skuError, viewModel.sku());
        FieldView.bind(quantityField, quantityError, viewModel.quantity());
        allocateButton.disableProperty().bind(viewModel.canAllocateProperty().not());
        cancelLineButton.disableProperty().bind(viewModel.canCancelProperty().not());
        changeLineButton.disableProperty().bind(viewModel.canChangeLineProperty().not());
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        resultLabel.textProperty().bind(viewModel.resultProperty());
        viewModel.outcomeProperty().addListener((obs, old, now) -> styleResult(now));
        ViewBindings.message(errorLabel, viewModel.errorMessageProperty());
        waitingSummaryLabel.textProperty().bind(viewModel.waitingSummaryProperty());
        Columns.of(waitingOrderColumn, WaitingLineItem::orderId);
        Columns.of(waitingSkuColumn, WaitingLineItem::sku);
        Columns.number(waitingQuantityColumn, WaitingLineItem::quantity);
        Columns.of(waitedColumn, WaitingLineItem::waited);
        Columns.timestamp(sinceColumn, WaitingLineItem::since, formats);
        waitingTable.setItems(viewModel.waiting());
        SortedColumns.handOver(waitingTable, Map.of(waitingOrderColumn, WaitingQuery.Column.ORDER,
                waitingSkuColumn, WaitingQuery.Column.SKU, waitingQuantityColumn, WaitingQuery.Column.QUANTITY,
                sinceColumn, WaitingQuery.Column.SINCE), viewModel.waitingSortProperty(), WaitingQuery.DEFAULT_SORT);
        waitingOrderFilterField.textProperty().bindBidirectional(viewModel.waitingOrderFilterProperty());
        waitingSkuFilterField.textProperty().bindBidirectional(viewModel.waitingSkuFilterProperty());
        waitingPlaceholder.textProperty().bind(viewModel.waitingPlaceholderProperty());
        PagerButtons.bind(viewModel.waitingPages(), viewModel.waitingPages().pageTextProperty(), waitingPageLabel,
                waitingFirstPageButton, waitingPreviousPageButton, waitingNextPageButton, waitingLastPageButton);
        waitingTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> viewModel.pick(row));
        TableClipboard.install(waitingTable);
        RowHistory.offer(waitingTable, line -> LedgerController.openLine(dialogs,
                waitingTable.getScene().getWindow(), line.orderId(), line.sku()));
        RowMenu.action(waitingTable, "Change quantity…", line -> changeQuantityOf(line.orderId(), line.sku(), line.quantity()));
        RowMenu.action(waitingTable, "Cancel line…", line -> cancelLineOf(line.orderId(), line.sku()));
        RowAction.onEnter(waitingTable, line -> changeQuantityOf(line.orderId(), line.sku(), line.quantity()));
        clock.setCycleCount(Animation.INDEFINITE);
        clock.play();
        viewModel.reload();
    }

    private void styleResult(OrdersViewModel.Outcome outcome) {
        resultLabel.getStyleClass().removeAll("success", "warning", "accent");
        switch (outcome) {
            case ALLOCATED -> resultLabel.getStyleClass().add("success");
            case WAITING -> resultLabel.getStyleClass().add("warning");
            case CANCELLED -> resultLabel.getStyleClass().add("accent");
            default -> { }
        }
    }

    private void tick() {
        viewModel.tick();
    }

    @FXML
    void onAllocate() {
        viewModel.allocate();
    }

    /** Asks once (order, SKU, quantity, where), then cancels; Undo follows in the strip and Edit ▸ Undo. */
    @FXML
    void onCancelLine() {
        viewModel.askCancel(this::confirmCancel);
    }

    @FXML
    void onChangeLine() {
        viewModel.changeLine();
    }

    /** Cancel line for this order's line (e.g. a row's context menu): fills the form and asks first. */
    public void cancelLineOf(String orderId, String sku) {
        viewModel.orderId().textProperty().set(orderId);
        viewModel.sku().textProperty().set(sku);
        onCancelLine();
    }

    /**
     * Change quantity for this order's line (e.g. a row's context menu): fills the form with the line
     * and puts the cursor in the quantity; Change quantity (or the button) sends it.
     */
    public void changeQuantityOf(String orderId, String sku, int quantity) {
        viewModel.orderId().textProperty().set(orderId);
        viewModel.sku().textProperty().set(sku);
        viewModel.quantity().textProperty().set(Integer.toString(quantity));
        // after the menu (or the tab switch) that asked has handed the focus back, not before it
        FxThread.later(() -> {
            quantityField.requestFocus();
            quantityField.selectAll();
        });
    }

    private void confirmCancel(OrdersViewModel.CancelQuestion question) {
        dialogs.open(CancelLineDialogController.class, "CancelLineDialog.fxml", "Cancel line",
                cancelLineButton.getScene().getWindow(), dialog -> dialog.ask(question, () -> viewModel.confirmCancel(question)));
    }

    public OrdersViewModel viewModel() {
        return viewModel;
    }

    public void focusForm() {
        orderIdField.requestFocus();
    }
}

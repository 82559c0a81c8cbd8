package com.allocationdesk.allocation.entrypoints.ui.orders;

import com.allocationdesk.allocation.entrypoints.ui.ledger.LedgerController;
import com.allocationdesk.allocation.entrypoints.ui.support.Columns;
import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.FieldView;
import com.allocationdesk.allocation.entrypoints.ui.support.PagerButtons;
import com.allocationdesk.allocation.entrypoints.ui.support.RowHistory;
import com.allocationdesk.allocation.entrypoints.ui.support.SortedColumns;
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
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Map;

/** Orders.fxml: the allocate/cancel form, its result, and the lines waiting for stock. */
@Dependent
public class OrdersController {
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
            .withZone(ZoneId.systemDefault());

    private final OrdersViewModel viewModel;
    private final DialogService dialogs;
    private final Timeline clock = new Timeline(new KeyFrame(Duration.seconds(30), e -> tick()));

    @FXML private TextField orderIdField;
    @FXML private Label orderIdError;
    @FXML private TextField skuField;
    @FXML private Label skuError;
    @FXML private TextField quantityField;
    @FXML private Label quantityError;
    @FXML private Button allocateButton;
    @FXML private Button cancelLineButton;
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
    public OrdersController(OrdersViewModel viewModel, DialogService dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        FieldView.bind(orderIdField, orderIdError, viewModel.orderId());
        FieldView.bind(skuField, skuError, viewModel.sku());
        FieldView.bind(quantityField, quantityError, viewModel.quantity());
        allocateButton.disableProperty().bind(viewModel.canAllocateProperty().not());
        cancelLineButton.disableProperty().bind(viewModel.canCancelProperty().not());
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        resultLabel.textProperty().bind(viewModel.resultProperty());
        viewModel.outcomeProperty().addListener((obs, old, now) -> styleResult(now));
        ViewBindings.message(errorLabel, viewModel.errorMessageProperty());
        waitingSummaryLabel.textProperty().bind(viewModel.waitingSummaryProperty());
        Columns.of(waitingOrderColumn, WaitingLineItem::orderId);
        Columns.of(waitingSkuColumn, WaitingLineItem::sku);
        Columns.number(waitingQuantityColumn, WaitingLineItem::quantity);
        Columns.of(waitedColumn, WaitingLineItem::waited);
        Columns.of(sinceColumn, WaitingLineItem::since);
        sinceColumn.setCellFactory(column -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Instant since, boolean empty) {
                super.updateItem(since, empty);
                setText(empty || since == null ? null : SINCE.format(since));
            }
        });
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
        RowHistory.offer(waitingTable, line -> LedgerController.openLine(dialogs,
                waitingTable.getScene().getWindow(), line.orderId(), line.sku()));
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

    @FXML
    void onCancelLine() {
        viewModel.cancelLine();
    }

    public void focusForm() {
        orderIdField.requestFocus();
    }
}

package com.allocationdesk.allocation.entrypoints.ui.ledger;

import com.allocationdesk.allocation.entrypoints.ui.support.Columns;
import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.TableClipboard;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Consumer;

/**
 * Ledger.fxml: an order's lines and history, a line's, or a batch's history, in a dialog that Esc
 * (or Close) closes. Opened with {@link #openOrder}, {@link #openLine} or {@link #openBatch}.
 */
@Dependent
public class LedgerController {
    private final LedgerViewModel viewModel;

    @FXML private VBox ledgerRoot;
    @FXML private Label ledgerTitle;
    @FXML private Label ledgerSummary;
    @FXML private Label ledgerError;
    @FXML private ProgressIndicator ledgerBusy;
    @FXML private VBox linesBox;
    @FXML private TableView<OrderLineItem> orderLinesTable;
    @FXML private TableColumn<OrderLineItem, String> lineSkuColumn;
    @FXML private TableColumn<OrderLineItem, Integer> lineQuantityColumn;
    @FXML private TableColumn<OrderLineItem, String> lineStateColumn;
    @FXML private TableColumn<OrderLineItem, String> lineBatchColumn;
    @FXML private TableColumn<OrderLineItem, String> lineEtaColumn;
    @FXML private TableColumn<OrderLineItem, String> lineSinceColumn;
    @FXML private TableColumn<OrderLineItem, String> linePositionColumn;
    @FXML private TableColumn<OrderLineItem, String> lineWhyColumn;
    @FXML private ListView<String> historyList;
    @FXML private Button closeLedgerButton;

    @Inject
    public LedgerController(LedgerViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** Opens an order's lines and history ({@code typed} as the planner typed it). */
    public static void openOrder(DialogService dialogs, Window owner, String typed) {
        open(dialogs, owner, "Order " + typed.strip(), c -> c.viewModel.showOrder(typed));
    }

    /** Opens one line of an order: its status and its own entries. */
    public static void openLine(DialogService dialogs, Window owner, String orderId, String sku) {
        open(dialogs, owner, "History of " + orderId + " × " + sku, c -> c.viewModel.showLine(orderId, sku));
    }

    /** Opens a batch's history. */
    public static void openBatch(DialogService dialogs, Window owner, String reference) {
        open(dialogs, owner, "History of " + reference, c -> c.viewModel.showBatch(reference));
    }

    private static void open(DialogService dialogs, Window owner, String title, Consumer<LedgerController> show) {
        dialogs.open(LedgerController.class, "Ledger.fxml", title, owner, show);
    }

    @FXML
    private void initialize() {
        ledgerTitle.textProperty().bind(viewModel.titleProperty());
        ledgerSummary.textProperty().bind(viewModel.summaryProperty());
        ViewBindings.message(ledgerError, viewModel.errorMessageProperty());
        ledgerBusy.visibleProperty().bind(viewModel.busyProperty());
        ViewBindings.showWhile(linesBox, viewModel.linesShownProperty());
        Columns.of(lineSkuColumn, OrderLineItem::sku);
        Columns.number(lineQuantityColumn, OrderLineItem::quantity);
        Columns.of(lineStateColumn, OrderLineItem::state);
        Columns.of(lineBatchColumn, OrderLineItem::batch);
        Columns.of(lineEtaColumn, OrderLineItem::eta);
        Columns.of(lineSinceColumn, OrderLineItem::since);
        Columns.of(linePositionColumn, OrderLineItem::position);
        Columns.of(lineWhyColumn, OrderLineItem::why);
        // Esc closes the dialog wherever the focus is (a table would keep the key for itself)
        ledgerRoot.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                onClose();
            }
        });
        orderLinesTable.setItems(viewModel.lines());
        TableClipboard.install(orderLinesTable);
        // the dialog follows the desk while it is open, and stops when it closes
        viewModel.startFollowing();
        ledgerRoot.sceneProperty().addListener((sceneChange, oldScene, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((windowChange, oldWindow, window) -> {
                    if (window != null) {
                        window.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> viewModel.stopFollowing());
                    }
                });
            }
        });
        historyList.setItems(viewModel.history());
        TableClipboard.install(historyList, List.of("History"), List::of);
        // a long sentence wraps at the list's width instead of running off to the right
        historyList.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(String sentence, boolean empty) {
                super.updateItem(sentence, empty);
                setText(empty ? null : sentence);
            }
        });
        // the newest entry is the last: keep it in view as the history arrives
        viewModel.history().addListener((javafx.collections.ListChangeListener<String>) change -> {
            if (!historyList.getItems().isEmpty()) {
                historyList.scrollTo(historyList.getItems().size() - 1);
            }
        });
    }

    public LedgerViewModel viewModel() {
        return viewModel;
    }

    @FXML
    void onClose() {
        ((Stage) closeLedgerButton.getScene().getWindow()).close();
    }
}

package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.entrypoints.imports.ImportProblem;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;
import com.allocationdesk.allocation.entrypoints.ui.allocations.AllocationsController;
import com.allocationdesk.allocation.entrypoints.ui.batches.AddBatchDialogController;
import com.allocationdesk.allocation.entrypoints.ui.batches.BatchesController;
import com.allocationdesk.allocation.entrypoints.ui.connections.ConnectionsDialogController;
import com.allocationdesk.allocation.entrypoints.ui.ledger.MoveMessages;
import com.allocationdesk.allocation.entrypoints.ui.exports.ExportDialogController;
import com.allocationdesk.allocation.entrypoints.ui.exports.TableExport;
import com.allocationdesk.allocation.entrypoints.ui.orders.OrdersController;
import com.allocationdesk.allocation.entrypoints.ui.stock.StockController;
import com.allocationdesk.allocation.entrypoints.ui.ledger.LedgerBarController;
import com.allocationdesk.allocation.entrypoints.ui.support.FxmlViews;
import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.DisplayFormats;
import com.allocationdesk.allocation.entrypoints.ui.support.FxThread;
import com.allocationdesk.allocation.entrypoints.ui.support.ReturnFocus;
import com.allocationdesk.allocation.entrypoints.ui.support.RowHistory;
import com.allocationdesk.allocation.entrypoints.ui.support.Shortcuts;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import java.util.List;

/**
 * MainWindow.fxml: menu, the four views as tabs, notifications panel, alert banner (in a slot of its
 * own, so it moves nothing), status bar (with the connections' items); where the focus goes, the
 * shortcuts sheet (F1) and About.
 */
@Dependent
public class MainWindowController {
    /** How long the out-of-stock banner stays before it hides itself (the alert stays in the panel). */
    private static final Duration ALERT_VISIBLE = Duration.seconds(15);

    private final MainWindowViewModel viewModel;
    private final DialogService dialogs;
    private final MoveMessages moves;
    private final DisplayFormats formats;
    private final PauseTransition alertTimer = new PauseTransition(ALERT_VISIBLE);

    @FXML private BorderPane root;
    @FXML private TabPane tabs;
    @FXML private Tab batchesTab;
    @FXML private Tab ordersTab;
    @FXML private Tab allocationsTab;
    @FXML private Tab stockTab;
    @FXML private BatchesController batchesController;
    /** Built when first shown or needed (issue 16): the planner who opens only Batches never waits for them. */
    private LazyTab<OrdersController> orders;
    private LazyTab<AllocationsController> allocations;
    private LazyTab<StockController> stock;
    @FXML private VBox emptyState;
    @FXML private Button loadSampleButton;
    @FXML private Button addFirstBatchButton;
    @FXML private MenuBar menuBar;
    @FXML private Menu dateTimeMenu;
    @FXML private MenuItem sampleDataItem;
    @FXML private MenuItem undoItem;
    @FXML private MenuItem importBatchesItem;
    @FXML private MenuItem importOrdersItem;
    @FXML private HBox alertBanner;
    @FXML private Label alertLabel;
    @FXML private Label alertQuietLabel;
    @FXML private ProgressIndicator statusBusy;
    @FXML private Label statusLabel;
    @FXML private Label totalsLabel;
    @FXML private Label databaseLabel;
    @FXML private HBox importBox;
    @FXML private Label importLabel;
    @FXML private ProgressBar importProgress;
    @FXML private Button cancelImportButton;

    /** Where the last tab shown is remembered (issue 15; a field, so the constructor stays as it was). */
    @Inject ViewSettings viewSettings;
    /** Builds the tabs not shown at start (issue 16; a field, likewise). */
    @Inject FxmlViews views;

    @Inject
    public MainWindowController(MainWindowViewModel viewModel, DialogService dialogs, MoveMessages moves,
                                DisplayFormats formats) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        this.moves = moves;
        this.formats = formats;
    }

    @FXML
    private void initialize() {
        undoItem.disableProperty().bind(moves.canUndoProperty().not());
        emptyState.visibleProperty().bind(viewModel.emptyProperty());
        loadSampleButton.disableProperty().bind(viewModel.loadingSampleProperty());
        sampleDataItem.disableProperty().bind(viewModel.loadingSampleProperty().or(viewModel.emptyProperty().not()));
        alertLabel.textProperty().bind(viewModel.alertProperty());
        alertBanner.visibleProperty().bind(viewModel.alertVisibleProperty());   // in its own slot: nothing moves
        alertQuietLabel.visibleProperty().bind(viewModel.alertVisibleProperty().not());
        alertQuietLabel.textProperty().bind(viewModel.quietAlertProperty());
        alertTimer.setOnFinished(e -> viewModel.dismissAlert());
        viewModel.alertProperty().addListener((obs, old, now) -> alertTimer.playFromStart());
        statusBusy.visibleProperty().bind(viewModel.busyProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
        ViewBindings.fullTextTooltip(statusLabel);
        totalsLabel.textProperty().bind(viewModel.totalsProperty());
        ViewBindings.fullTextTooltip(totalsLabel);
        ViewBindings.fullTextTooltip(alertLabel);
        databaseLabel.textProperty().bind(viewModel.databaseLocationProperty());
        ImportViewModel imports = viewModel.imports();
        ViewBindings.showWhile(importBox, imports.importingProperty());
        importLabel.textProperty().bind(imports.textProperty());
        ViewBindings.fullTextTooltip(importLabel);
        importProgress.progressProperty().bind(imports.progressProperty());
        cancelImportButton.disableProperty().bind(imports.cancellingProperty());
        importBatchesItem.disableProperty().bind(imports.importingProperty());
        importOrdersItem.disableProperty().bind(imports.importingProperty());
        imports.lastReportProperty().addListener((obs, old, report) -> showImport(report));
        imports.failureProperty().addListener((obs, old, text) -> {
            if (!text.isEmpty()) {
                dialogs.message(Alert.AlertType.ERROR, window(), "Import failed", text, List.of());
            }
        });
        orders = new LazyTab<>(ordersTab, views, view("orders/Orders.fxml"), "orders", built -> { });
        allocations = new LazyTab<>(allocationsTab, views, view("allocations/Allocations.fxml"), "allocations", built -> {
            built.viewModel().shownProperty().bind(allocationsTab.selectedProperty());
            built.onLineActions(row -> {
                onShowOrders();
                orders.controller().cancelLineOf(row.orderId(), row.sku());
            }, row -> {
                onShowOrders();
                orders.controller().changeQuantityOf(row.orderId(), row.sku(), row.quantity());
            });
        });
        stock = new LazyTab<>(stockTab, views, view("stock/Stock.fxml"), "stock",
                built -> built.viewModel().shownProperty().bind(stockTab.selectedProperty()));
        dateTimeFormats();
        // the focus is in the shown screen's main field: at start, after a tab switch, after a dialog
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> FxThread.later(this::focusMainField));
        viewModel.emptyProperty().addListener((obs, old, now) -> FxThread.later(this::focusMainField));
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                ReturnFocus.set(scene, this::focusMainField);
                focusAfterFirstLayout(scene);
            }
        });
        rememberTab();
        viewModel.reload();
    }

    /**
     * The shown screen's main field gets the focus (Batches: its filter; Orders: the order id;
     * Allocations: the order filter; another screen: its first text field); with no stock yet,
     * "Add a batch…". Never a button that changes data.
     */
    void focusMainField() {
        if (emptyState.isVisible()) {
            addFirstBatchButton.requestFocus();
            return;
        }
        Tab shown = tabs.getSelectionModel().getSelectedItem();
        if (shown == batchesTab) {
            batchesController.focusFilter();
        } else if (shown == ordersTab) {
            orders.controller().focusForm();
        } else if (shown == allocationsTab) {
            allocations.controller().focusFilter();
        } else if (shown != null && shown.getContent() != null && shown.getContent().lookup(".text-field") != null) {
            shown.getContent().lookup(".text-field").requestFocus();
        }
    }

    /**
     * At start: once the first data is laid out (the tabs' contents exist only after a layout, and
     * the empty state is known), else the window's first field, the order search, would keep it.
     */
    private void focusAfterFirstLayout(javafx.scene.Scene scene) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            FxThread.later(this::focusMainField);
        };
        scene.addPostLayoutPulseListener(once[0]);
        javafx.beans.value.ObservableBooleanValue loaded = batchesController.viewModel().loadedProperty();
        loaded.addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean now) {
                if (now) {
                    obs.removeListener(this);
                    scene.addPostLayoutPulseListener(once[0]);
                }
            }
        });
    }

    /** View ▸ Date and time format: one choice for every timestamp the window shows, remembered. */
    private void dateTimeFormats() {
        ToggleGroup group = new ToggleGroup();
        for (DisplayFormats.DateTime format : DisplayFormats.DateTime.values()) {
            RadioMenuItem item = new RadioMenuItem(format.label());
            item.setId("dateTime" + camel(format.name()) + "Item");
            item.setToggleGroup(group);
            item.setSelected(formats.dateTimeProperty().get() == format);
            item.setOnAction(e -> formats.dateTimeProperty().set(format));
            dateTimeMenu.getItems().add(item);
        }
    }

    private static String camel(String constant) {
        StringBuilder name = new StringBuilder();
        for (String part : constant.split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return name.toString();
    }

    private static java.net.URL view(String fxml) {
        return MainWindowController.class.getResource(fxml);
    }

    /** Help ▸ Keyboard shortcuts (F1): read from the menus, the buttons and the keys of the window's parts. */
    @FXML
    void onShortcuts() {
        // the sheet is read from the window's parts: every tab's, whether shown yet or not
        orders.controller();
        allocations.controller();
        stock.controller();
        List<String> sheet = Shortcuts.sheet(menuBar, root, List.of(
                Shortcuts.Key.of(LedgerBarController.FIND_ORDER, "Find order: the cursor in the order search"),
                Shortcuts.Key.of(RowHistory.KEY, "History… of the selected row (Batches, Allocations, Waiting for stock)"),
                new Shortcuts.Key("Enter", "on a batch row: Change quantity…; on an allocation: its history;"
                        + " on a waiting line: its quantity in the form"),
                new Shortcuts.Key("Enter", "in a form or dialog: submit it"),
                new Shortcuts.Key("Esc", "close a dialog without saving"),
                new Shortcuts.Key("Tab, Shift+Tab", "the next, the previous field"),
                new Shortcuts.Key("Alt", "show the underlined letters of the menus and buttons")));
        dialogs.message(Alert.AlertType.INFORMATION, window(), "Keyboard shortcuts",
                "Every shortcut of this window (Alt and an underlined letter opens a menu or presses a button):", sheet);
    }

    /** Help ▸ About: the version, the database and the log file. */
    @FXML
    void onAbout() {
        dialogs.message(Alert.AlertType.INFORMATION, window(), "About Allocation Desk",
                "Allocation Desk allocates order lines to stock batches.", viewModel.about());
    }

    public MainWindowViewModel viewModel() {
        return viewModel;
    }

    /** Shows the tab shown when the window last closed, and remembers the one shown from now on. */
    private void rememberTab() {
        String last = viewSettings.get(ViewSettings.TAB, "");
        tabs.getTabs().stream().filter(tab -> last.equals(tab.getId())).findFirst()
                .ifPresent(tab -> tabs.getSelectionModel().select(tab));
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (tab != null) {
                viewSettings.put(ViewSettings.TAB, tab.getId());
            }
        });
    }

    /** The Batches view, the one shown at start. */
    public BatchesController batches() {
        return batchesController;
    }

    @FXML
    void onShowBatches() {
        tabs.getSelectionModel().select(batchesTab);
        focusMainField();
    }

    @FXML
    void onShowOrders() {
        tabs.getSelectionModel().select(ordersTab);
        focusMainField();
    }

    @FXML
    void onShowAllocations() {
        tabs.getSelectionModel().select(allocationsTab);
        focusMainField();
    }

    @FXML
    void onShowStock() {
        tabs.getSelectionModel().select(stockTab);
    }

    @FXML
    void onAddBatch() {
        dialogs.open(AddBatchDialogController.class, "AddBatchDialog.fxml", "Add a batch", root.getScene().getWindow(), c -> { });
    }

    @FXML
    void onLoadSampleData() {
        viewModel.loadSampleData();
    }

    /** Edit ▸ Undo (Ctrl+Z): takes back the last cancel or line-quantity change (MoveMessages). */
    @FXML
    void onUndo() {
        moves.undo();
    }

    @FXML
    void onRefresh() {
        viewModel.refreshAll();
    }

    @FXML
    void onDismissAlert() {
        viewModel.dismissAlert();
    }

    @FXML
    void onImportBatches() {
        dialogs.chooseCsv(window(), "Import batches (CSV: ref,sku,qty,eta)").ifPresent(viewModel.imports()::importBatches);
    }

    @FXML
    void onImportOrders() {
        dialogs.chooseCsv(window(), "Import order lines (CSV: orderid,sku,qty)").ifPresent(viewModel.imports()::importOrders);
    }

    /** File ▸ Export this table to CSV…: the table of the view shown, as its filter shows it, through the export dialog. */
    @FXML
    void onExport() {
        Tab shown = tabs.getSelectionModel().getSelectedItem();
        TableExport<?> export = shown == ordersTab ? orders.controller().viewModel().exportWaiting()
                : shown == allocationsTab ? allocations.controller().viewModel().export() : batchesController.viewModel().export();
        dialogs.chooseCsvToSave(window(), "Export " + export.many() + " to CSV", export.fileName())
                .ifPresent(file -> ExportDialogController.open(dialogs, window(), export, file));
    }

    /** Tools ▸ Connections…: the outbox and inbox folders. */
    @FXML
    void onConnections() {
        ConnectionsDialogController.open(dialogs, window());
    }

    @FXML
    void onCancelImport() {
        viewModel.imports().cancel();
    }

    /** Bad rows and cancelled imports are told in a dialog; a finished import in the status bar. */
    private void showImport(ImportReport report) {
        if (report == null) {
            return;
        }
        switch (report.status()) {
            case REJECTED -> dialogs.message(Alert.AlertType.WARNING, window(), "Nothing was imported",
                    report.summary() + ". Correct these rows and import the file again:",
                    report.problems().stream().map(ImportProblem::toString).toList());
            case CANCELLED -> dialogs.message(Alert.AlertType.INFORMATION, window(), "Import cancelled",
                    report.summary(), List.of());
            case DONE -> { }
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @FXML
    void onQuit() {
        ((Stage) root.getScene().getWindow()).close();
    }
}

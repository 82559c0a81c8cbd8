package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.entrypoints.imports.ImportProblem;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;
import com.allocationdesk.allocation.entrypoints.ui.allocations.AllocationsController;
import com.allocationdesk.allocation.entrypoints.ui.batches.AddBatchDialogController;
import com.allocationdesk.allocation.entrypoints.ui.batches.BatchesController;
import com.allocationdesk.allocation.entrypoints.ui.connections.ConnectionsDialogController;
import com.allocationdesk.allocation.entrypoints.ui.orders.OrdersController;
import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
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

/** MainWindow.fxml: menu, the three views as tabs, notifications panel, alert banner, status bar (with the connections' items). */
@Dependent
public class MainWindowController {
    /** How long the out-of-stock banner stays before it hides itself (the alert stays in the panel). */
    private static final Duration ALERT_VISIBLE = Duration.seconds(15);

    private final MainWindowViewModel viewModel;
    private final DialogService dialogs;
    private final PauseTransition alertTimer = new PauseTransition(ALERT_VISIBLE);

    @FXML private BorderPane root;
    @FXML private TabPane tabs;
    @FXML private Tab batchesTab;
    @FXML private Tab ordersTab;
    @FXML private Tab allocationsTab;
    @FXML private BatchesController batchesController;
    @FXML private OrdersController ordersController;
    @FXML private AllocationsController allocationsController;
    @FXML private VBox emptyState;
    @FXML private Button loadSampleButton;
    @FXML private MenuItem sampleDataItem;
    @FXML private MenuItem importBatchesItem;
    @FXML private MenuItem importOrdersItem;
    @FXML private HBox alertBanner;
    @FXML private Label alertLabel;
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

    @Inject
    public MainWindowController(MainWindowViewModel viewModel, DialogService dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        emptyState.visibleProperty().bind(viewModel.emptyProperty());
        loadSampleButton.disableProperty().bind(viewModel.loadingSampleProperty());
        sampleDataItem.disableProperty().bind(viewModel.loadingSampleProperty().or(viewModel.emptyProperty().not()));
        alertLabel.textProperty().bind(viewModel.alertProperty());
        ViewBindings.showWhile(alertBanner, viewModel.alertVisibleProperty());
        alertTimer.setOnFinished(e -> viewModel.dismissAlert());
        viewModel.alertProperty().addListener((obs, old, now) -> alertTimer.playFromStart());
        statusBusy.visibleProperty().bind(viewModel.busyProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
        totalsLabel.textProperty().bind(viewModel.totalsProperty());
        databaseLabel.textProperty().bind(viewModel.databaseLocationProperty());
        ImportViewModel imports = viewModel.imports();
        ViewBindings.showWhile(importBox, imports.importingProperty());
        importLabel.textProperty().bind(imports.textProperty());
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
        allocationsController.viewModel().shownProperty().bind(allocationsTab.selectedProperty());
        rememberTab();
        viewModel.reload();
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
    }

    @FXML
    void onShowOrders() {
        tabs.getSelectionModel().select(ordersTab);
        ordersController.focusForm();
    }

    @FXML
    void onShowAllocations() {
        tabs.getSelectionModel().select(allocationsTab);
    }

    @FXML
    void onAddBatch() {
        dialogs.open(AddBatchDialogController.class, "AddBatchDialog.fxml", "Add a batch", root.getScene().getWindow(), c -> { });
    }

    @FXML
    void onLoadSampleData() {
        viewModel.loadSampleData();
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

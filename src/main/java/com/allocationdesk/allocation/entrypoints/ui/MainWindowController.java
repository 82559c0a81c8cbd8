package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.entrypoints.ui.batches.AddBatchDialogController;
import com.allocationdesk.allocation.entrypoints.ui.batches.BatchesController;
import com.allocationdesk.allocation.entrypoints.ui.orders.OrdersController;
import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
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
import javafx.util.Duration;

/** MainWindow.fxml: menu, the three views as tabs, notifications panel, alert banner, status bar. */
@Dependent
public class MainWindowController {
    /** How long the out-of-stock banner stays before it hides itself (the alert stays in the panel). */
    private static final Duration ALERT_VISIBLE = Duration.seconds(15);

    /** Until the CSV importer of the command line is shared with the window (see docs/WINDOW.md). */
    private static final String NO_IMPORT_YET = "Import from the window is not available yet: use the command line,"
            + " java -jar allocation-desk.jar import-batches FILE.csv (or import-orders FILE.csv)";

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
    @FXML private VBox emptyState;
    @FXML private Button loadSampleButton;
    @FXML private MenuItem sampleDataItem;
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
        alertBanner.visibleProperty().bind(viewModel.alertVisibleProperty());
        alertBanner.managedProperty().bind(alertBanner.visibleProperty());
        alertTimer.setOnFinished(e -> viewModel.dismissAlert());
        viewModel.alertProperty().addListener((obs, old, now) -> alertTimer.playFromStart());
        statusBusy.visibleProperty().bind(viewModel.busyProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
        totalsLabel.textProperty().bind(viewModel.totalsProperty());
        databaseLabel.textProperty().bind(viewModel.databaseLocationProperty());
        importBox.setVisible(false);
        importBox.managedProperty().bind(importBox.visibleProperty());
        viewModel.reload();
    }

    public MainWindowViewModel viewModel() {
        return viewModel;
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
        viewModel.setStatus(NO_IMPORT_YET);
    }

    @FXML
    void onImportOrders() {
        viewModel.setStatus(NO_IMPORT_YET);
    }

    @FXML
    void onCancelImport() {
        viewModel.setStatus(NO_IMPORT_YET);
    }

    @FXML
    void onQuit() {
        ((Stage) root.getScene().getWindow()).close();
    }
}

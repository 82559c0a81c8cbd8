package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.entrypoints.imports.BatchImport;
import com.allocationdesk.allocation.entrypoints.imports.ImportProgress;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;
import com.allocationdesk.allocation.entrypoints.imports.OrderImport;
import com.allocationdesk.allocation.entrypoints.imports.PartlyImported;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.ErrorText;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.Reloader;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.views.SkuTotals;
import com.allocationdesk.allocation.views.StockTotalsQuery;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The window around the three views: status bar, empty state with sample data, the out-of-stock
 * banner, refresh-all, and CSV imports (the same {@link BatchImport} / {@link OrderImport} as the
 * command line) with their progress and cancel.
 */
@Dependent
public class MainWindowViewModel {
    private final MessageBus bus;
    private final BackgroundRunner runner;
    private final LiveUpdates live;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Loading…");
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper(this, "totals", "");
    private final ReadOnlyStringWrapper databaseLocation = new ReadOnlyStringWrapper(this, "databaseLocation", "");
    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(this, "empty", false);
    private final ReadOnlyBooleanWrapper loadingSample = new ReadOnlyBooleanWrapper(this, "loadingSample", false);
    private final ReadOnlyStringWrapper alert = new ReadOnlyStringWrapper(this, "alert", "");
    private final ReadOnlyBooleanWrapper alertVisible = new ReadOnlyBooleanWrapper(this, "alertVisible", false);
    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper(this, "importing", false);
    private final ReadOnlyBooleanWrapper cancellingImport = new ReadOnlyBooleanWrapper(this, "cancellingImport", false);
    private final ReadOnlyStringWrapper importText = new ReadOnlyStringWrapper(this, "importText", "");
    private final ReadOnlyDoubleWrapper importProgress = new ReadOnlyDoubleWrapper(this, "importProgress", -1);
    private final ReadOnlyObjectWrapper<ImportReport> lastImport = new ReadOnlyObjectWrapper<>(this, "lastImport");
    private final ReadOnlyStringWrapper importFailure = new ReadOnlyStringWrapper(this, "importFailure", "");
    private final Reloader<List<SkuTotals>> totalsReloader;
    private final BatchImport batchImport;
    private final OrderImport orderImport;
    private BackgroundRunner.Job importJob;
    private String importName = "";
    private boolean firstLoad = true;

    /** One kind of import, run on a worker thread. */
    @FunctionalInterface
    private interface Importer {
        ImportReport run(Path file, ImportProgress progress, BooleanSupplier cancelled);
    }

    @Inject
    public MainWindowViewModel(MessageBus bus, BackgroundRunner runner, StockTotalsQuery totalsQuery, LiveUpdates live,
                               BatchImport batchImport, OrderImport orderImport) {
        this.bus = bus;
        this.runner = runner;
        this.live = live;
        this.batchImport = batchImport;
        this.orderImport = orderImport;
        this.totalsReloader = new Reloader<>(runner, totalsQuery::perSku, this::showTotals,
                error -> status.set(ErrorText.of(error)));
        live.onChange(LiveUpdates.Topic.TOTALS, totalsReloader::reload);
        live.onOutOfStock(this::outOfStock);
    }

    public void setDatabaseLocation(String location) {
        databaseLocation.set(location);
    }

    public void reload() {
        totalsReloader.reload();
    }

    /** Re-reads every view (F5): the views refresh by themselves, this is for peace of mind. */
    public void refreshAll() {
        live.refreshAll();
        status.set("Refreshed");
    }

    /** Creates the sample SKUs, batches and orders (offered while the database is empty). */
    public void loadSampleData() {
        if (loadingSample.get()) {
            return;
        }
        loadingSample.set(true);
        status.set("Loading sample data…");
        List<Command<?>> commands = SampleData.commands(LocalDate.now());
        runner.run(progress -> {
            for (Command<?> command : commands) {
                bus.handle(command);
            }
            return commands.size();
        }, count -> {
            loadingSample.set(false);
            status.set("Sample data loaded: 4 SKUs, 5 batches (one still on its way), 6 orders");
        }, error -> {
            loadingSample.set(false);
            status.set("Could not load the sample data: " + ErrorText.of(error));
        });
    }

    public void setStatus(String text) {
        status.set(text);
    }

    /** Imports batches from a CSV file ({@code ref,sku,qty,eta}) in the background. */
    public void importBatches(Path file) {
        startImport("batches", file, batchImport::run);
    }

    /** Allocates the order lines of a CSV file ({@code orderid,sku,qty}) in the background. */
    public void importOrders(Path file) {
        startImport("order lines", file, orderImport::run);
    }

    /** Stops the running import after the chunk being sent: whole chunks are in, the rest is not. */
    public void cancelImport() {
        if (importJob != null && importing.get() && !cancellingImport.get()) {
            cancellingImport.set(true);
            importText.set("Cancelling " + importName + "…");
            importJob.cancel();
        }
    }

    private void startImport(String what, Path file, Importer importer) {
        if (importing.get()) {
            return;
        }
        importName = String.valueOf(file.getFileName());
        importing.set(true);
        cancellingImport.set(false);
        importFailure.set("");
        lastImport.set(null);
        importProgress.set(-1);
        importText.set("Checking " + importName + "…");
        status.set("Importing " + what + " from " + importName + "…");
        AtomicLong committed = new AtomicLong();
        importJob = runner.run(progress -> importer.run(file, new ImportProgress() {
            @Override
            public void checked(long rows) {
                progress.update(rows, -1);
            }

            @Override
            public void imported(long rows, long total) {
                committed.set(rows);
                progress.update(rows, total);
            }
        }, progress::isCancelled), this::importFinished, error -> {
            importEnded();
            String text = "Could not import " + importName + ": " + ErrorText.of(error);
            if (!(error instanceof PartlyImported) && committed.get() > 0) {
                // e.g. out of memory: the import could not say it itself, but whole chunks are in
                text += ". " + PartlyImported.whatIsIn(committed.get());
            }
            status.set(text);
            importFailure.set(text);
        }, this::importProgressed);
    }

    private void importProgressed(long done, long total) {
        if (!importing.get() || cancellingImport.get()) {
            return;
        }
        if (total < 0) {
            importProgress.set(-1);
            importText.set("Checking " + importName + ": " + done + " rows");
        } else {
            importProgress.set(total == 0 ? 1 : (double) done / total);
            importText.set("Importing " + importName + ": " + done + " of " + total + " rows");
        }
    }

    private void importFinished(ImportReport report) {
        importEnded();
        status.set(report.summary());
        lastImport.set(report);
    }

    private void importEnded() {
        importing.set(false);
        cancellingImport.set(false);
        importJob = null;
        importText.set("");
        importProgress.set(-1);
    }

    public void dismissAlert() {
        alertVisible.set(false);
    }

    private void outOfStock(List<OutOfStock> lines) {
        OutOfStock last = lines.get(lines.size() - 1);
        String text = "Out of stock: order " + last.orderId() + " needs " + last.quantity() + " × " + last.sku()
                + ". The line waits and is allocated when stock arrives.";
        if (lines.size() > 1) {
            text = lines.size() + " lines are out of stock. Latest: " + text;
        }
        alert.set(text);
        alertVisible.set(true);
    }

    private void showTotals(List<SkuTotals> rows) {
        empty.set(rows.isEmpty());
        int available = rows.stream().mapToInt(SkuTotals::available).sum();
        int allocated = rows.stream().mapToInt(SkuTotals::allocated).sum();
        int waiting = rows.stream().mapToInt(SkuTotals::waiting).sum();
        totals.set(rows.size() + (rows.size() == 1 ? " SKU" : " SKUs") + " · " + allocated + " allocated · "
                + available + " available · " + waiting + " waiting for stock");
        if (firstLoad) {
            firstLoad = false;
            status.set(rows.isEmpty() ? "The database is empty" : "Ready");
        }
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty databaseLocationProperty() {
        return databaseLocation.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingSampleProperty() {
        return loadingSample.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty alertProperty() {
        return alert.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty alertVisibleProperty() {
        return alertVisible.getReadOnlyProperty();
    }

    /** True while an import runs (its progress and Cancel show). */
    public ReadOnlyBooleanProperty importingProperty() {
        return importing.getReadOnlyProperty();
    }

    /** True once Cancel was pressed, until the import stops at the end of its chunk. */
    public ReadOnlyBooleanProperty cancellingImportProperty() {
        return cancellingImport.getReadOnlyProperty();
    }

    /** "Checking orders.csv: 12000 rows", "Importing orders.csv: 1500 of 20000 rows". */
    public ReadOnlyStringProperty importTextProperty() {
        return importText.getReadOnlyProperty();
    }

    /** Between 0 and 1 while rows are imported; -1 (indeterminate) while the file is checked. */
    public ReadOnlyDoubleProperty importProgressProperty() {
        return importProgress.getReadOnlyProperty();
    }

    /** How the last import ended (done, rejected with its bad rows, or cancelled); null before the first. */
    public ReadOnlyObjectProperty<ImportReport> lastImportProperty() {
        return lastImport.getReadOnlyProperty();
    }

    /** Why the last import could not run at all (missing file, wrong header...); empty otherwise. */
    public ReadOnlyStringProperty importFailureProperty() {
        return importFailure.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return runner.busyProperty();
    }
}

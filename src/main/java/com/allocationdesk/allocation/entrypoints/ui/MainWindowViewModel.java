package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.entrypoints.ui.support.DisplayFormats;
import com.allocationdesk.allocation.entrypoints.ui.support.ErrorText;
import com.allocationdesk.allocation.entrypoints.ui.support.FxThread;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.OtherDesks;
import com.allocationdesk.allocation.entrypoints.ui.support.Reloader;
import com.allocationdesk.allocation.entrypoints.ui.support.StockAlert;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.NotificationsQuery;
import com.allocationdesk.allocation.queries.SkuTotals;
import com.allocationdesk.allocation.queries.StockTotalsQuery;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.LocalDate;
import java.util.List;

/**
 * The window around the three views: status bar, empty state with sample data, the out-of-stock
 * banner, refresh-all, and the CSV imports' steps on the status bar (the imports themselves are
 * {@link ImportViewModel}).
 * <p>
 * The banner tells the latest line that found no stock, or, after an order import, what the import
 * left waiting, in one sentence (the import runs quietly: no banner per line). Either way it counts
 * the open alerts, which are the waiting lines, re-read whenever they change; it hides itself when
 * no line waits any more.
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
    private final WorkState sample;
    private final ReadOnlyStringWrapper alert = new ReadOnlyStringWrapper(this, "alert", "");
    private final ReadOnlyBooleanWrapper alertVisible = new ReadOnlyBooleanWrapper(this, "alertVisible", false);
    private final ReadOnlyStringWrapper quietAlert = new ReadOnlyStringWrapper(this, "quietAlert", "");
    private final Reloader<List<SkuTotals>> totalsReloader;
    private final Reloader<Integer> openReloader;
    /** What the banner tells (without the count of open alerts); empty: nothing. */
    private String alertHead = "";
    /** How many waiting lines {@link #alertHead} already tells of. */
    private long alertHeadCounts;
    private int openAlerts;
    /** The totals as last read (null: not yet). */
    private List<SkuTotals> lastTotals;
    private final ImportViewModel imports;
    private boolean firstLoad = true;

    @Inject
    public MainWindowViewModel(MessageBus bus, BackgroundRunner runner, StockTotalsQuery totalsQuery, LiveUpdates live,
                               ImportViewModel imports, NotificationsQuery alerts, OtherDesks otherDesks) {
        this.bus = bus;
        this.runner = runner;
        this.live = live;
        this.sample = new WorkState(runner);
        this.imports = imports;
        imports.onStatus(status::set);
        this.totalsReloader = new Reloader<>(runner, totalsQuery::perSku, this::showTotals,
                error -> status.set(ErrorText.of(error)));
        live.onChange(LiveUpdates.Topic.TOTALS, totalsReloader::reload);
        live.onOutOfStock(this::outOfStock);
        this.openReloader = new Reloader<>(runner, alerts::openCount, this::openAlertsAre,
                error -> status.set(ErrorText.of(error)));
        live.onChange(LiveUpdates.Topic.NOTIFICATIONS, openReloader::reload);
        live.onChange(LiveUpdates.Topic.WAITING, openReloader::reload);
        imports.lastReportProperty().addListener((obs, old, report) -> imported(report));
        otherDesks.onReachability(now -> FxThread.run(() -> status.set(reachability(now))));
    }

    /** The status line when the database stops or starts answering ({@link OtherDesks}). */
    private String reachability(OtherDesks.Reachability now) {
        return now == OtherDesks.Reachability.UNREACHABLE
                ? "The database " + databaseLocation.get() + " does not answer. The desk keeps trying; what you typed stays."
                : "The database " + databaseLocation.get() + " answers again.";
    }

    public void setDatabaseLocation(String location) {
        databaseLocation.set(location);
    }

    public void reload() {
        totalsReloader.reload();
        openReloader.reload();
    }

    /** Re-reads every view (F5): the views refresh by themselves, this is for peace of mind. */
    public void refreshAll() {
        live.refreshAll();
        status.set("Refreshed");
    }

    /** Creates the sample SKUs, batches and orders (offered while the database is empty). */
    public void loadSampleData() {
        if (sample.isBusy()) {
            return;
        }
        status.set("Loading sample data…");
        List<Command<?>> commands = SampleData.commands(LocalDate.now());
        sample.task(progress -> {
                    for (Command<?> command : commands) {
                        bus.handle(command);
                    }
                    return commands.size();
                })
                .onSuccess(count -> status.set("Sample data loaded: 4 SKUs, 5 batches (one still on its way), 6 orders"))
                .failureText(error -> "Could not load the sample data: " + ErrorText.of(error))
                .onFailure(status::set)
                .start();
    }

    public void setStatus(String text) {
        status.set(text);
    }

    public void dismissAlert() {
        alertVisible.set(false);
    }

    private void outOfStock(List<StockAlert> lines) {
        StockAlert last = lines.get(lines.size() - 1);
        String where = last.otherDesk().map(desk -> " on " + desk).orElse("");
        showAlert("Out of stock" + where + ": order " + last.orderId() + " needs " + last.quantity() + " × " + last.sku()
                + ". The line waits and is allocated when stock arrives.", 1);
    }

    /** An order import that left lines waiting says so once. */
    private void imported(ImportReport report) {
        if (report != null && report.waiting().lines() > 0) {
            showAlert(report.waitingSummary() + ".", report.waiting().lines());
        }
    }

    private void showAlert(String head, long counts) {
        alertHead = head;
        alertHeadCounts = counts;
        renderAlert();
        alertVisible.set(true);
        openReloader.reload();
    }

    private void openAlertsAre(int open) {
        openAlerts = open;
        if (open == 0) {
            alertVisible.set(false);   // nothing waits any more: the banner would not be true
        }
        renderAlert();
        renderTotals();
        quietAlert.set(open == 0 ? "No line waits for stock."
                : DisplayFormats.number(open) + (open == 1 ? " line waits" : " lines wait")
                + " for stock: each one is in Out-of-stock alerts, on the right.");
    }

    private void renderAlert() {
        if (alertHead.isEmpty()) {
            return;
        }
        String text = alertHead;
        if (openAlerts > 0 && openAlerts != alertHeadCounts) {
            text += " " + openAlerts + (openAlerts == 1 ? " line waits" : " lines wait") + " for stock in all.";
        }
        alert.set(text);
    }

    /** The open out-of-stock alerts, as last read: the lines waiting for stock. */
    public int openAlerts() {
        return openAlerts;
    }

    private void showTotals(List<SkuTotals> rows) {
        empty.set(rows.isEmpty());
        lastTotals = rows;
        renderTotals();
        if (firstLoad) {
            firstLoad = false;
            status.set(rows.isEmpty() ? "The database is empty" : "Ready");
        }
    }

    /**
     * "4 SKUs · 120 allocated units · 30 available · 2 lines wait for stock (8 units)": stock in
     * units, the waiting lines counted as lines (the open alerts, one per waiting line), their units after.
     */
    private void renderTotals() {
        if (lastTotals == null) {
            return;
        }
        long available = lastTotals.stream().mapToLong(SkuTotals::available).sum();
        long allocated = lastTotals.stream().mapToLong(SkuTotals::allocated).sum();
        long waitingUnits = lastTotals.stream().mapToLong(SkuTotals::waiting).sum();
        String waiting = openAlerts == 0 && waitingUnits == 0 ? "no line waits for stock"
                : DisplayFormats.number(openAlerts) + (openAlerts == 1 ? " line waits" : " lines wait") + " for stock ("
                + DisplayFormats.number(waitingUnits) + (waitingUnits == 1 ? " unit)" : " units)");
        totals.set(DisplayFormats.number(lastTotals.size()) + (lastTotals.size() == 1 ? " SKU" : " SKUs") + " · "
                + DisplayFormats.number(allocated) + " allocated · " + DisplayFormats.number(available) + " available · "
                + waiting);
    }

    /** Help ▸ About's lines: the version, the database, the log file. */
    public List<String> about() {
        return List.of("Version: " + version(), "Database: " + databaseLocation.get(),
                "Log file: " + AppConfig.logFile(System.getenv()),
                "Java " + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.runtime.version", "?"));
    }

    /** The version of the jar (Maven's pom.properties in it, else its manifest), or that this is not a built jar. */
    static String version() {
        try (java.io.InputStream in = MainWindowViewModel.class.getResourceAsStream(
                "/META-INF/maven/com.allocationdesk/allocation-desk/pom.properties")) {
            if (in != null) {
                java.util.Properties pom = new java.util.Properties();
                pom.load(in);
                String version = pom.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version;
                }
            }
        } catch (java.io.IOException e) {
            // the jar's own file unreadable: the manifest, else "development build"
        }
        String manifest = MainWindowViewModel.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "development build (run from the classes, not the jar)";
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
        return sample.busyProperty();
    }

    public ReadOnlyStringProperty alertProperty() {
        return alert.getReadOnlyProperty();
    }

    /** What the banner's slot says while no banner shows: how many lines wait. */
    public ReadOnlyStringProperty quietAlertProperty() {
        return quietAlert.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty alertVisibleProperty() {
        return alertVisible.getReadOnlyProperty();
    }

    /** The CSV imports, whose steps this status bar tells. */
    public ImportViewModel imports() {
        return imports;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return runner.busyProperty();
    }
}

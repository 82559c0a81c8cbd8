package com.allocationdesk.allocation.entrypoints.ui.stock;

import com.allocationdesk.allocation.queries.TextFilter;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.Reloader;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import com.allocationdesk.allocation.queries.StockPositionQuery;
import com.allocationdesk.allocation.queries.StockPositionRow;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Stock view: where each SKU's stock stands (one {@link StockPositionRow} per SKU), and the
 * chart of the selected SKU's stock over time ({@link StockChart}).
 * <p>
 * Every SKU's row is loaded, never a page: the position is an aggregation, one row per SKU
 * (thousands at most), so the table's own sort (a {@code SortedList} over {@link #rows()}) and the
 * SKU filter (a {@link FilteredList}, applied as the planner types, with no query) work over all
 * SKUs, not over the rows on screen. Hidden in its tab, the view reads nothing; it catches up once
 * when shown ({@link #shownProperty()}).
 */
@Dependent
public class StockViewModel {
    static final String NO_SKU = "Select a SKU to see its stock over time";

    private final StringProperty skuFilter = new SimpleStringProperty(this, "skuFilter", "");
    private final ObservableList<StockPositionRow> all = FXCollections.observableArrayList();
    private final FilteredList<StockPositionRow> rows = new FilteredList<>(all);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper selectedSku = new ReadOnlyStringWrapper(this, "selectedSku", null);
    private final ReadOnlyObjectWrapper<StockChart> chart = new ReadOnlyObjectWrapper<>(this, "chart", null);
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", false);
    private final WorkState work;
    private final Clock clock;
    private final Reloader<List<StockPositionRow>> table;
    private final Reloader<Optional<StockChart>> chartReloader;
    /** The selected SKU, read by the chart's query off the FX thread. */
    private volatile String chartSku;

    @Inject
    public StockViewModel(StockPositionQuery query, BackgroundRunner runner, LiveUpdates live, Clock clock) {
        this.work = new WorkState(runner);
        this.clock = clock;
        this.table = new Reloader<>(runner, query::all, this::show, work::fail);
        this.chartReloader = new Reloader<>(runner, () -> {
            String sku = chartSku;
            return sku == null ? Optional.<StockChart>empty() : query.of(sku).map(position ->
                    StockChart.of(sku, query.arrivals(sku), position.allocated(), position.waitingUnits(), today()));
        }, found -> chart.set(found.orElse(null)), work::fail);
        table.onlyWhileShown(shown);
        chartReloader.onlyWhileShown(shown);
        skuFilter.addListener((obs, old, text) -> rows.setPredicate(row -> matches(row.sku(), text)));
        rows.addListener((ListChangeListener<StockPositionRow>) change -> summarise());
        live.onChange(LiveUpdates.Topic.TOTALS, this::reload);
    }

    /** Re-reads every SKU's row and the selected SKU's chart (at once when shown, else once shown). */
    public void reload() {
        table.reload();
        chartReloader.reload();
    }

    /** The SKU whose chart to draw; null keeps the chart as it is (a table losing its selection while it refreshes). */
    public void select(String sku) {
        if (sku == null || sku.equals(selectedSku.get())) {
            return;
        }
        selectedSku.set(sku);
        chartSku = sku;
        chartReloader.reload();
    }

    private void show(List<StockPositionRow> positions) {
        work.clearError();
        all.setAll(positions);
    }

    private void summarise() {
        long shortSkus = rows.stream().filter(row -> row.shortfall() > 0).count();
        String skus = (skuFilter.get().isBlank() ? "" : rows.size() + " of ") + all.size() + (all.size() == 1 ? " SKU" : " SKUs");
        summary.set(shortSkus == 0 ? skus : skus + ", " + shortSkus + " short of stock");
    }

    /** The filter's rule: the text anywhere in the SKU (so its start too), in any case: the tables' rule with a leading {@code *}. */
    static boolean matches(String sku, String filter) {
        return filter == null || filter.isBlank() || TextFilter.matches("*" + filter.strip(), sku);
    }

    /** How the Next ETA column shows an ETA: none, the date, or the date marked late when it is past. */
    public String nextEtaText(LocalDate eta) {
        return etaText(eta, today());
    }

    static String etaText(LocalDate eta, LocalDate today) {
        return eta == null ? "" : eta.isBefore(today) ? eta + " (late)" : eta.toString();
    }

    /** Whether {@code eta} is past: the shipment is late. */
    public boolean isLate(LocalDate eta) {
        return eta != null && eta.isBefore(today());
    }

    /** ETAs are the planner's dates: today is today where the desk runs. */
    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.systemDefault()));
    }

    /** Whether the view is on screen; while it is not, it reads nothing and catches up when shown. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    public StringProperty skuFilterProperty() {
        return skuFilter;
    }

    /** The rows the filter lets through, of every SKU's row: the table sorts these. */
    public ObservableList<StockPositionRow> rows() {
        return rows;
    }

    /** "120 SKUs, 3 short of stock", or "2 of 120 SKUs" while filtered. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedSkuProperty() {
        return selectedSku.getReadOnlyProperty();
    }

    /** The selected SKU's chart; null until a SKU is selected. */
    public ReadOnlyObjectProperty<StockChart> chartProperty() {
        return chart.getReadOnlyProperty();
    }

    /** What the chart's place says while there is no chart. */
    public String chartPlaceholder() {
        return NO_SKU;
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return work.errorMessageProperty();
    }

    /** The row of {@code sku} among {@code items}, or -1: the table selects it again after a refresh. */
    public static int indexOf(List<StockPositionRow> items, String sku) {
        for (int i = 0; i < items.size(); i++) {
            if (Objects.equals(items.get(i).sku(), sku)) {
                return i;
            }
        }
        return -1;
    }
}

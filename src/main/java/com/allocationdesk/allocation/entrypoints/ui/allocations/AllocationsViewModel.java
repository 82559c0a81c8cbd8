package com.allocationdesk.allocation.entrypoints.ui.allocations;

import com.allocationdesk.allocation.entrypoints.exports.ExportColumns;
import com.allocationdesk.allocation.entrypoints.ui.exports.TableExport;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.TablePager;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewSettings;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.queries.AllocationsQuery;
import com.allocationdesk.allocation.queries.OrderLineStatusRow;
import com.allocationdesk.allocation.queries.OrderStatusQuery;
import com.allocationdesk.allocation.queries.LineFilter;
import com.allocationdesk.allocation.queries.Sort;
import com.allocationdesk.allocation.queries.TextFilter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The allocations table, one page at a time so 100,000 allocations stay smooth, sorted by any column
 * over every matching row ({@link #sortProperty}; the database sorts, the table only shows): each page
 * is one indexed query of {@value #PAGE_SIZE} rows read by key ({@link TablePager}), plus a count for
 * the pager. The sort and the filters are remembered across restarts ({@link ViewSettings}). When
 * nothing matches and the order filter is the id of an order whose lines wait or were cancelled, the
 * empty table says where that order is instead of "No allocations match".
 */
@Dependent
public class AllocationsViewModel {
    public static final int PAGE_SIZE = 200;

    /** The count, and when nothing matches and the order filter is an order id, that order's lines (else empty). */
    private record Totals(int count, String order, List<OrderLineStatusRow> orderLines) {
    }

    static final String NONE_YET = "No allocations yet. Allocate order lines in Orders (Ctrl+2).";
    static final String NONE_MATCH = "No allocations match";

    private final StringProperty orderFilter = new SimpleStringProperty(this, "orderFilter", "");
    private final StringProperty skuFilter = new SimpleStringProperty(this, "skuFilter", "");
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper(this, "pageText", "");
    private final WorkState work;
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", NONE_YET);
    private final ReadOnlyStringWrapper placeholderOrder = new ReadOnlyStringWrapper(this, "placeholderOrder", "");
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);
    private final TablePager<AllocationRow, AllocationsQuery.Column, LineFilter, Totals> pager;
    private final AllocationsQuery query;

    /** Without remembered settings (tests of this view model alone). */
    public AllocationsViewModel(AllocationsQuery query, OrderStatusQuery orderStatus, BackgroundRunner runner,
                                LiveUpdates live) {
        this(query, orderStatus, runner, live, ViewSettings.none());
    }

    @Inject
    public AllocationsViewModel(AllocationsQuery query, OrderStatusQuery orderStatus, BackgroundRunner runner,
                                LiveUpdates live, ViewSettings settings) {
        this.query = query;
        this.work = new WorkState(runner);
        this.pager = new TablePager<>(runner, PAGE_SIZE, AllocationsQuery.DEFAULT_SORT, query, filter -> totals(query, orderStatus, filter), Totals::count,
                this::filter, this::show, work::fail);
        settings.remember("allocations.filter.order", orderFilter);
        settings.remember("allocations.filter.sku", skuFilter);
        settings.rememberSort("allocations.sort", AllocationsQuery.Column.class, pager.sortProperty());
        orderFilter.addListener((obs, old, now) -> firstPage());
        skuFilter.addListener((obs, old, now) -> firstPage());
        pager.onlyWhileShown(shown);
        live.onChange(LiveUpdates.Topic.ALLOCATIONS, this::reload);
    }

    /** The count, and the filtered order's lines when nothing matches (off the FX thread). */
    private static Totals totals(AllocationsQuery query, OrderStatusQuery orderStatus, LineFilter filter) {
        int count = query.count(filter);
        String order = filter.order() == null ? "" : filter.order().strip();
        List<OrderLineStatusRow> orderLines = count == 0 && !order.isEmpty()
                ? orderStatus.of(order).stream().filter(line -> TextFilter.matches(filter.sku(), line.sku())).toList()
                : List.of();
        return new Totals(count, order, orderLines);
    }

    /** Whether the view is on screen; while it is not, changes are caught up when it is shown. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** Re-reads the page shown (a change elsewhere, or Refresh). */
    public void reload() {
        pager.reload();
    }

    public void firstPage() {
        pager.first();
    }

    public void nextPage() {
        pager.next();
    }

    public void previousPage() {
        pager.previous();
    }

    public void lastPage() {
        pager.last();
    }

    /** The filters as they stand: with {@link #sortProperty}, what the table shows ({@code AllocationsQuery.forEach} streams it all). */
    public LineFilter filter() {
        return new LineFilter(orderFilter.get(), skuFilter.get());
    }

    /** The table's pager (its buttons; the pager's text is {@link #pageTextProperty}). */
    public TablePager<AllocationRow, AllocationsQuery.Column, LineFilter, ?> pages() {
        return pager;
    }

    /** The table's order: a header click sets it; the first page in that order is read. */
    public ObjectProperty<Sort<AllocationsQuery.Column>> sortProperty() {
        return pager.sortProperty();
    }

    private void show(TablePager.Loaded<AllocationRow, AllocationsQuery.Column, LineFilter, Totals> loaded) {
        work.clearError();
        Totals totals = loaded.totals();
        boolean anOrder = loaded.total() == 0 && !totals.orderLines().isEmpty()
                && totals.orderLines().stream().noneMatch(line -> line.state() == OrderLineStatusRow.State.ALLOCATED);
        pageText.set(anOrder ? "No allocated line" : loaded.total() == 0 ? NONE_MATCH : pager.pageTextProperty().get());
        placeholderOrder.set(anOrder ? totals.order() : "");
        placeholder.set(anOrder ? whereTheOrderIs(totals.order(), totals.orderLines())
                : loaded.filter().isEmpty() ? NONE_YET : NONE_MATCH + ".");
    }

    /** "ORD-1001 has no allocated line: 1 line waits for stock (CHAIR, position 3)." */
    static String whereTheOrderIs(String order, List<OrderLineStatusRow> lines) {
        List<OrderLineStatusRow> waiting = lines.stream().filter(l -> l.state() == OrderLineStatusRow.State.WAITING).toList();
        List<OrderLineStatusRow> cancelled = lines.stream()
                .filter(l -> l.state() == OrderLineStatusRow.State.CANCELLED).toList();
        List<String> parts = new ArrayList<>();
        if (!waiting.isEmpty()) {
            parts.add((waiting.size() == 1 ? "1 line waits" : waiting.size() + " lines wait") + " for stock ("
                    + waiting.stream().map(l -> l.sku() + ", position " + l.position()).collect(Collectors.joining("; "))
                    + ")");
        }
        if (!cancelled.isEmpty()) {
            parts.add((cancelled.size() == 1 ? "1 line was" : cancelled.size() + " lines were") + " cancelled ("
                    + cancelled.stream().map(OrderLineStatusRow::sku).collect(Collectors.joining(", ")) + ")");
        }
        return order + " has no allocated line: " + String.join("; ", parts) + ".";
    }

    /**
     * What File ▸ Export writes for this table: every allocation of the filters and in the sort as
     * they are now (all pages), streamed.
     */
    public TableExport<AllocationRow> export() {
        LineFilter filter = filter();
        Sort<AllocationsQuery.Column> sort = sortProperty().get();
        return new TableExport<>("allocation", "allocations", "allocations.csv", ExportColumns.ALLOCATIONS,
                rows -> query.forEach(filter, sort, rows), () -> query.count(filter));
    }

    /** What the empty table says: no allocation yet, none matches, or where the filtered order is. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** The order the placeholder tells about (its "Open the order…" link); empty when it tells none. */
    public ReadOnlyStringProperty placeholderOrderProperty() {
        return placeholderOrder.getReadOnlyProperty();
    }

    public StringProperty orderFilterProperty() {
        return orderFilter;
    }

    public StringProperty skuFilterProperty() {
        return skuFilter;
    }

    public ObservableList<AllocationRow> rows() {
        return pager.rows();
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return pager.totalProperty();
    }

    public ReadOnlyStringProperty pageTextProperty() {
        return pageText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return work.errorMessageProperty();
    }

    public ReadOnlyBooleanProperty canPreviousProperty() {
        return pager.canPreviousProperty();
    }

    public ReadOnlyBooleanProperty canNextProperty() {
        return pager.canNextProperty();
    }
}

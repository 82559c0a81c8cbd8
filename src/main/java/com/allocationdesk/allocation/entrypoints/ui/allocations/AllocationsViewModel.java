package com.allocationdesk.allocation.entrypoints.ui.allocations;

import com.allocationdesk.allocation.entrypoints.exports.ExportColumns;
import com.allocationdesk.allocation.entrypoints.ui.exports.TableExport;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.Reloader;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.queries.AllocationsQuery;
import com.allocationdesk.allocation.queries.OrderLineStatusRow;
import com.allocationdesk.allocation.queries.OrderStatusQuery;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The allocations table, one page at a time so 100,000 allocations stay smooth: each page is one
 * indexed query of {@value #PAGE_SIZE} rows, plus a count for the pager. When nothing matches and
 * the order filter is the id of an order whose lines wait or were cancelled, the empty table says
 * where that order is instead of "No allocations match".
 */
@Dependent
public class AllocationsViewModel {
    public static final int PAGE_SIZE = 200;

    /** {@code orderLines}: when nothing matches and the order filter is an order id, that order's lines (else empty). */
    private record Page(int total, int offset, List<AllocationRow> rows, String order, List<OrderLineStatusRow> orderLines) {
    }

    static final String NONE_YET = "No allocations yet. Allocate order lines in Orders (Ctrl+2).";
    static final String NONE_MATCH = "No allocations match";

    private final StringProperty orderFilter = new SimpleStringProperty(this, "orderFilter", "");
    private final StringProperty skuFilter = new SimpleStringProperty(this, "skuFilter", "");
    private final ObservableList<AllocationRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total", 0);
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper(this, "pageText", "");
    private final WorkState work;
    private final ReadOnlyBooleanWrapper canPrevious = new ReadOnlyBooleanWrapper(this, "canPrevious", false);
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper(this, "canNext", false);
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", NONE_YET);
    private final ReadOnlyStringWrapper placeholderOrder = new ReadOnlyStringWrapper(this, "placeholderOrder", "");
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);
    private final Reloader<Page> reloader;
    private final AllocationsQuery query;
    private volatile int offset;

    @Inject
    public AllocationsViewModel(AllocationsQuery query, OrderStatusQuery orderStatus, BackgroundRunner runner,
                                LiveUpdates live) {
        this.query = query;
        this.work = new WorkState(runner);
        this.reloader = new Reloader<>(runner, () -> {
            String order = orderFilter.get();
            String sku = skuFilter.get();
            int count = query.count(order, sku);
            int from = Math.max(0, Math.min(offset, lastPageOffset(count)));
            List<OrderLineStatusRow> orderLines = count == 0 && order != null && !order.isBlank()
                    ? orderStatus.of(order).stream().filter(line -> startsWith(line.sku(), sku)).toList() : List.of();
            return new Page(count, from, query.page(order, sku, from, PAGE_SIZE), order == null ? "" : order.strip(),
                    orderLines);
        }, this::show, work::fail);
        orderFilter.addListener((obs, old, now) -> firstPage());
        skuFilter.addListener((obs, old, now) -> firstPage());
        reloader.onlyWhileShown(shown);
        live.onChange(LiveUpdates.Topic.ALLOCATIONS, this::reload);
    }

    /** Whether the view is on screen; while it is not, changes are caught up when it is shown. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    public void reload() {
        reloader.reload();
    }

    public void firstPage() {
        offset = 0;
        reload();
    }

    public void nextPage() {
        if (canNext.get()) {
            offset += PAGE_SIZE;
            reload();
        }
    }

    public void previousPage() {
        if (canPrevious.get()) {
            offset = Math.max(0, offset - PAGE_SIZE);
            reload();
        }
    }

    public void lastPage() {
        offset = lastPageOffset(total.get());
        reload();
    }

    private static int lastPageOffset(int count) {
        return count == 0 ? 0 : ((count - 1) / PAGE_SIZE) * PAGE_SIZE;
    }

    private void show(Page page) {
        work.clearError();
        offset = page.offset();
        rows.setAll(page.rows());
        total.set(page.total());
        canPrevious.set(page.offset() > 0);
        canNext.set(page.offset() + page.rows().size() < page.total());
        NumberFormat format = NumberFormat.getIntegerInstance();
        boolean anOrder = page.total() == 0 && !page.orderLines().isEmpty()
                && page.orderLines().stream().noneMatch(line -> line.state() == OrderLineStatusRow.State.ALLOCATED);
        pageText.set(anOrder ? "No allocated line" : page.total() == 0 ? NONE_MATCH
                : "Rows " + format.format(page.offset() + 1) + "–" + format.format(page.offset() + page.rows().size())
                + " of " + format.format(page.total()));
        placeholderOrder.set(anOrder ? page.order() : "");
        placeholder.set(anOrder ? whereTheOrderIs(page.order(), page.orderLines())
                : orderFilter.get().isBlank() && skuFilter.get().isBlank() ? NONE_YET : NONE_MATCH + ".");
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

    private static boolean startsWith(String sku, String prefix) {
        return prefix == null || prefix.isBlank()
                || sku.toUpperCase(Locale.ROOT).startsWith(prefix.strip().toUpperCase(Locale.ROOT));
    }

    /**
     * What File ▸ Export writes for this table: every allocation of the filters as they are now (all
     * pages), streamed in the query's order (order id, then SKU). The table's column sort plugs in
     * here once the query streams in a chosen order.
     */
    public TableExport<AllocationRow> export() {
        String order = orderFilter.get();
        String sku = skuFilter.get();
        return new TableExport<>("allocation", "allocations", "allocations.csv", ExportColumns.ALLOCATIONS,
                rows -> query.forEach(order, sku, rows), () -> query.count(order, sku));
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
        return rows;
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pageTextProperty() {
        return pageText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return work.errorMessageProperty();
    }

    public ReadOnlyBooleanProperty canPreviousProperty() {
        return canPrevious.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canNextProperty() {
        return canNext.getReadOnlyProperty();
    }
}

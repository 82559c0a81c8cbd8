package com.allocationdesk.allocation.entrypoints.ui.allocations;

import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.Reloader;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.queries.AllocationsQuery;
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
import java.util.List;

/**
 * The allocations table, one page at a time so 100,000 allocations stay smooth: each page is one
 * indexed query of {@value #PAGE_SIZE} rows, plus a count for the pager.
 */
@Dependent
public class AllocationsViewModel {
    public static final int PAGE_SIZE = 200;

    private record Page(int total, int offset, List<AllocationRow> rows) {
    }

    private final StringProperty orderFilter = new SimpleStringProperty(this, "orderFilter", "");
    private final StringProperty skuFilter = new SimpleStringProperty(this, "skuFilter", "");
    private final ObservableList<AllocationRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total", 0);
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper(this, "pageText", "");
    private final WorkState work;
    private final ReadOnlyBooleanWrapper canPrevious = new ReadOnlyBooleanWrapper(this, "canPrevious", false);
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper(this, "canNext", false);
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);
    private final Reloader<Page> reloader;
    private volatile int offset;

    @Inject
    public AllocationsViewModel(AllocationsQuery query, BackgroundRunner runner, LiveUpdates live) {
        this.work = new WorkState(runner);
        this.reloader = new Reloader<>(runner, () -> {
            String order = orderFilter.get();
            String sku = skuFilter.get();
            int count = query.count(order, sku);
            int from = Math.max(0, Math.min(offset, lastPageOffset(count)));
            return new Page(count, from, query.page(order, sku, from, PAGE_SIZE));
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
        pageText.set(page.total() == 0 ? "No allocations match"
                : "Rows " + format.format(page.offset() + 1) + "–" + format.format(page.offset() + page.rows().size())
                + " of " + format.format(page.total()));
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

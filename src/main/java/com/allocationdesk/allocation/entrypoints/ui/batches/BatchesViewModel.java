package com.allocationdesk.allocation.entrypoints.ui.batches;

import com.allocationdesk.allocation.entrypoints.exports.ExportColumns;
import com.allocationdesk.allocation.entrypoints.ui.exports.TableExport;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.DisplayFormats;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.TablePager;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewSettings;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import com.allocationdesk.allocation.queries.BatchRow;
import com.allocationdesk.allocation.queries.BatchesQuery;
import com.allocationdesk.allocation.queries.Sort;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.text.NumberFormat;

/**
 * The batches table: every batch, or those of the SKUs the filter matches (its start, or {@code *}
 * for any text), sorted by any column over every matching batch and shown {@value #PAGE_SIZE} at a
 * time ({@link TablePager}). The sort and the filter are remembered across restarts.
 */
@Dependent
public class BatchesViewModel {
    public static final int PAGE_SIZE = 200;
    static final String NONE_YET = "No batches. Add one with “Add batch…”, or import a CSV file (File menu).";

    private final StringProperty skuFilter = new SimpleStringProperty(this, "skuFilter", "");
    private final WorkState work;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", NONE_YET);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded", false);
    private final TablePager<BatchRow, BatchesQuery.Column, BatchesQuery.Filter, BatchesQuery.Totals> pager;
    private final BatchesQuery query;

    /** Without remembered settings (tests of this view model alone). */
    public BatchesViewModel(BatchesQuery query, BackgroundRunner runner, LiveUpdates live) {
        this(query, runner, live, ViewSettings.none());
    }

    @Inject
    public BatchesViewModel(BatchesQuery query, BackgroundRunner runner, LiveUpdates live, ViewSettings settings) {
        this.query = query;
        this.work = new WorkState(runner);
        this.pager = new TablePager<>(runner, PAGE_SIZE, BatchesQuery.DEFAULT_SORT, query, query::totals, BatchesQuery.Totals::batches,
                this::filter, this::show, work::fail);
        settings.remember("batches.filter.sku", skuFilter);
        settings.rememberSort("batches.sort", BatchesQuery.Column.class, pager.sortProperty());
        skuFilter.addListener((obs, old, now) -> pager.first());
        live.onChange(LiveUpdates.Topic.BATCHES, this::reload);
    }

    /** Re-reads the page shown (a change elsewhere, or Refresh). */
    public void reload() {
        pager.reload();
    }

    private void show(TablePager.Loaded<BatchRow, BatchesQuery.Column, BatchesQuery.Filter, BatchesQuery.Totals> result) {
        work.clearError();
        BatchesQuery.Totals totals = result.totals();
        summary.set(DisplayFormats.number(totals.batches()) + (totals.batches() == 1 ? " batch" : " batches") + ", "
                + DisplayFormats.number(totals.available()) + " available");
        placeholder.set(result.filter().isEmpty() ? NONE_YET
                : "No batches match “" + result.filter().sku().strip() + "”. Clear the filter to see every batch.");
        loaded.set(true);
    }

    /** The table's pager: first, previous, next, last page and "Rows 1–200 of 19,868". */
    public TablePager<BatchRow, BatchesQuery.Column, BatchesQuery.Filter, BatchesQuery.Totals> pages() {
        return pager;
    }

    /** The filter as it stands: with {@link #sortProperty}, what the table shows ({@code BatchesQuery.forEach} streams it all). */
    public BatchesQuery.Filter filter() {
        return new BatchesQuery.Filter(skuFilter.get());
    }

    /** The table's order: a header click sets it; the first page in that order is read. */
    public ObjectProperty<Sort<BatchesQuery.Column>> sortProperty() {
        return pager.sortProperty();
    }

    /**
     * What File ▸ Export writes for this table: the batches of the SKU filter and in the sort as they
     * are now (all pages), streamed.
     */
    public TableExport<BatchRow> export() {
        BatchesQuery.Filter filter = filter();
        Sort<BatchesQuery.Column> sort = sortProperty().get();
        return new TableExport<>("batch", "batches", "batches.csv", ExportColumns.BATCHES,
                rows -> query.forEach(filter, sort, rows), () -> query.totals(filter).batches());
    }

    public StringProperty skuFilterProperty() {
        return skuFilter;
    }

    /** The page of batches shown. */
    public ObservableList<BatchRow> batches() {
        return pager.rows();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return work.errorMessageProperty();
    }

    /** "12 batches, 340 available": every matching batch, not only the page shown. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the empty table says: no batch yet, or none matches the filter. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** False until the first query result is in {@link #batches()} (even an empty one); then true for good. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** How many rows the table holds now. */
    public int rowCount() {
        return pager.rows().size();
    }
}

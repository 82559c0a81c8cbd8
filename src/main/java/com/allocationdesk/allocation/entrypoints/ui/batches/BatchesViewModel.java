package com.allocationdesk.allocation.entrypoints.ui.batches;

import com.allocationdesk.allocation.entrypoints.exports.ExportColumns;
import com.allocationdesk.allocation.entrypoints.ui.exports.TableExport;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.DisplayFormats;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.Reloader;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import com.allocationdesk.allocation.queries.BatchRow;
import com.allocationdesk.allocation.queries.BatchesQuery;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/** The batches table: every batch, or those of the SKUs that start with the filter text. */
@Dependent
public class BatchesViewModel {
    private final StringProperty skuFilter = new SimpleStringProperty(this, "skuFilter", "");
    private final ObservableList<BatchRow> batches = FXCollections.observableArrayList();
    private final WorkState work;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded", false);
    private final Reloader<List<BatchRow>> reloader;
    private final BatchesQuery query;

    @Inject
    public BatchesViewModel(BatchesQuery query, BackgroundRunner runner, LiveUpdates live) {
        this.query = query;
        this.work = new WorkState(runner);
        this.reloader = new Reloader<>(runner, () -> query.list(skuFilter.get()), this::show, work::fail);
        skuFilter.addListener((obs, old, now) -> reload());
        live.onChange(LiveUpdates.Topic.BATCHES, this::reload);
    }

    public void reload() {
        reloader.reload();
    }

    private void show(List<BatchRow> rows) {
        work.clearError();
        batches.setAll(rows);
        int available = rows.stream().mapToInt(BatchRow::available).sum();
        summary.set(DisplayFormats.number(rows.size()) + (rows.size() == 1 ? " batch" : " batches") + ", "
                + DisplayFormats.number(available) + " available");
        loaded.set(true);
    }

    /**
     * What File ▸ Export writes for this table: the batches of the SKU filter as it is now, in the
     * query's order (warehouse first, then by ETA). The table's column sort plugs in here once the
     * query sorts in SQL.
     */
    public TableExport<BatchRow> export() {
        String sku = skuFilter.get();
        return new TableExport<>("batch", "batches", "batches.csv", ExportColumns.BATCHES,
                rows -> query.list(sku).forEach(rows), () -> TableExport.UNKNOWN);
    }

    public StringProperty skuFilterProperty() {
        return skuFilter;
    }

    public ObservableList<BatchRow> batches() {
        return batches;
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return work.errorMessageProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** False until the first query result is in {@link #batches()} (even an empty one); then true for good. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** How many rows the table holds now. */
    public int rowCount() {
        return batches.size();
    }
}

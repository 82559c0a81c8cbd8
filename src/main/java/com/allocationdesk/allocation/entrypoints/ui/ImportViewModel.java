package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.entrypoints.imports.BatchImport;
import com.allocationdesk.allocation.entrypoints.imports.ImportProgress;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;
import com.allocationdesk.allocation.entrypoints.imports.OrderImport;
import com.allocationdesk.allocation.entrypoints.imports.PartlyImported;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.ErrorText;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
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
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * CSV imports from the window (the same {@link BatchImport} / {@link OrderImport} as the command
 * line), one at a time: idle → importing (checking the file, then sending chunks) → cancelling, if
 * the planner pressed Cancel → idle, with how it ended: a report (done, rejected with its bad rows,
 * cancelled) or a failure sentence. The status bar is told each step ({@link #onStatus}).
 */
@Dependent
public class ImportViewModel {
    /** One kind of import, run on a worker thread. */
    @FunctionalInterface
    interface Importer {
        ImportReport run(Path file, ImportProgress progress, BooleanSupplier cancelled);
    }

    private final Importer batches;
    private final Importer orders;
    private final WorkState work;
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper(this, "cancelling", false);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyObjectWrapper<ImportReport> lastReport = new ReadOnlyObjectWrapper<>(this, "lastReport");
    private Consumer<String> status = line -> { };
    private BackgroundRunner.Job job;
    private String name = "";

    /**
     * The imports run {@link LiveUpdates#quietly}: no out-of-stock banner per line; the window says
     * once what the import left waiting ({@link ImportReport#waitingSummary()}).
     */
    @Inject
    public ImportViewModel(BackgroundRunner runner, BatchImport batchImport, OrderImport orderImport, LiveUpdates live) {
        this(runner, quietly(live, batchImport::run), quietly(live, orderImport::run));
    }

    private static Importer quietly(LiveUpdates live, Importer importer) {
        return (file, progress, cancelled) -> live.quietly(() -> importer.run(file, progress, cancelled));
    }

    ImportViewModel(BackgroundRunner runner, Importer batches, Importer orders) {
        this.work = new WorkState(runner);
        this.batches = batches;
        this.orders = orders;
    }

    /** Where the one-line status of each step goes (the window's status bar). */
    public void onStatus(Consumer<String> line) {
        this.status = Objects.requireNonNull(line, "line");
    }

    /** Imports batches from a CSV file ({@code ref,sku,qty,eta}) in the background. */
    public void importBatches(Path file) {
        start("batches", file, batches);
    }

    /** Allocates the order lines of a CSV file ({@code orderid,sku,qty}) in the background. */
    public void importOrders(Path file) {
        start("order lines", file, orders);
    }

    /** Stops the running import after the chunk being sent: whole chunks are in, the rest is not. */
    public void cancel() {
        if (job != null && work.isBusy() && !cancelling.get()) {
            cancelling.set(true);
            text.set("Cancelling " + name + "…");
            job.cancel();
        }
    }

    private void start(String what, Path file, Importer importer) {
        if (work.isBusy()) {
            return;
        }
        name = String.valueOf(file.getFileName());
        cancelling.set(false);
        work.clearError();
        lastReport.set(null);
        progress.set(-1);
        text.set("Checking " + name + "…");
        status.accept("Importing " + what + " from " + name + "…");
        AtomicLong committed = new AtomicLong();
        job = work.task(reports -> importer.run(file, new ImportProgress() {
                    @Override
                    public void checked(long rows) {
                        reports.update(rows, -1);
                    }

                    @Override
                    public void imported(long rows, long total) {
                        committed.set(rows);
                        reports.update(rows, total);
                    }
                }, reports::isCancelled))
                .onProgress(this::progressed)
                .onSuccess(this::finished)
                .failureText(error -> failure(error, committed.get()))
                .onFailure(sentence -> {
                    ended();
                    status.accept(sentence);
                })
                .start();
    }

    private String failure(Throwable error, long committed) {
        String sentence = "Could not import " + name + ": " + ErrorText.of(error);
        if (!(error instanceof PartlyImported) && committed > 0) {
            // e.g. out of memory: the import could not say it itself, but whole chunks are in
            sentence += ". " + PartlyImported.whatIsIn(committed);
        }
        return sentence;
    }

    private void progressed(long done, long total) {
        if (!work.isBusy() || cancelling.get()) {
            return;
        }
        if (total < 0) {
            progress.set(-1);
            text.set("Checking " + name + ": " + done + " rows");
        } else {
            progress.set(total == 0 ? 1 : (double) done / total);
            text.set("Importing " + name + ": " + done + " of " + total + " rows");
        }
    }

    private void finished(ImportReport report) {
        ended();
        status.accept(report.summary());
        lastReport.set(report);
    }

    private void ended() {
        cancelling.set(false);
        job = null;
        text.set("");
        progress.set(-1);
    }

    /** True while an import runs (its progress and Cancel show). */
    public ReadOnlyBooleanProperty importingProperty() {
        return work.busyProperty();
    }

    /** True once Cancel was pressed, until the import stops at the end of its chunk. */
    public ReadOnlyBooleanProperty cancellingProperty() {
        return cancelling.getReadOnlyProperty();
    }

    /** "Checking orders.csv: 12000 rows", "Importing orders.csv: 1500 of 20000 rows". */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Between 0 and 1 while rows are imported; -1 (indeterminate) while the file is checked. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** How the last import ended (done, rejected with its bad rows, or cancelled); null before the first. */
    public ReadOnlyObjectProperty<ImportReport> lastReportProperty() {
        return lastReport.getReadOnlyProperty();
    }

    /** Why the last import could not run at all (missing file, wrong header...); empty otherwise. */
    public ReadOnlyStringProperty failureProperty() {
        return work.errorMessageProperty();
    }
}

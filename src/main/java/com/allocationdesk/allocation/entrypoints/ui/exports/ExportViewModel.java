package com.allocationdesk.allocation.entrypoints.ui.exports;

import com.allocationdesk.allocation.entrypoints.ui.support.DisplayFormats;
import com.allocationdesk.allocation.entrypoints.exports.CsvExport;
import com.allocationdesk.allocation.entrypoints.exports.ExportFailed;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.ErrorText;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One export of a table to a CSV file (File ▸ Export…): running → done, cancelled or failed. The
 * rows stream from the database to the file off the FX thread ({@link CsvExport}); the FX thread only
 * gets the latest count now and then (the progress bar and "12,000 of 1,000,000 allocations"). Cancel
 * stops at the next row and leaves the target as it was; so does a failure, told in the planner's words.
 */
@Dependent
public class ExportViewModel {
    /** How an export ended, made off the FX thread. {@code failure}: the sentence when it failed, else null. */
    private record Ended(CsvExport.Outcome outcome, boolean existed, String failure) {
    }

    private final WorkState work;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed", false);
    private TableExport<?> export;
    private BackgroundRunner.Job job;
    private boolean cancelling;

    @Inject
    public ExportViewModel(BackgroundRunner runner) {
        this.work = new WorkState(runner);
    }

    /** Starts writing {@code export}'s rows to {@code file}. Once per view model. */
    public void start(TableExport<?> what, Path file) {
        if (export != null) {
            throw new IllegalStateException("this export has started already");
        }
        export = what;
        title.set("Exporting " + what.many() + " to " + file);
        text.set("Reading the " + what.many() + "…");
        running.set(true);
        job = work.task(reports -> write(what, file, reports))
                .onProgress(this::progressed)
                .onSuccess(this::ended)
                .start();
    }

    private static <R> Ended write(TableExport<R> export, Path file, BackgroundRunner.Progress reports) {
        boolean existed = Files.exists(file);
        try {
            long total = export.count().getAsLong();
            reports.update(0, total);
            CsvExport.Outcome outcome = CsvExport.write(file, export.columns(), export.rows(), new CsvExport.Listener() {
                @Override
                public void written(long rows) {
                    reports.update(rows, total);
                }

                @Override
                public boolean cancelled() {
                    return reports.isCancelled();
                }
            });
            return new Ended(outcome, existed, null);
        } catch (ExportFailed e) {
            return new Ended(null, existed, e.getMessage());
        } catch (RuntimeException e) {
            // the database did not answer: nothing reached the file
            return new Ended(null, existed, ErrorText.of(e).replaceFirst("\\.$", ""));
        }
    }

    /** Stops the export at its next row; nothing is written. */
    public void cancel() {
        if (job != null && running.get()) {
            cancelling = true;
            text.set("Cancelling…");
            job.cancel();
        }
    }

    private void progressed(long done, long total) {
        if (!running.get() || cancelling) {
            return;
        }
        progress.set(total <= 0 ? -1 : (double) done / total);
        text.set(total < 0 ? export.counted(done, DisplayFormats.number(done)) + " written"
                : DisplayFormats.number(done) + " of " + export.counted(total, DisplayFormats.number(total)));
    }

    private void ended(Ended ended) {
        running.set(false);
        if (ended.failure() != null) {
            failed.set(true);
            progress.set(0);
            text.set(ended.failure() + ". Nothing was exported" + (ended.existed()
                    ? "; the file that was there is left as it was." : "."));
            return;
        }
        CsvExport.Outcome outcome = ended.outcome();
        String rows = export.counted(outcome.rows(), DisplayFormats.number(outcome.rows()));
        if (outcome.cancelled()) {
            progress.set(0);
            text.set("Export cancelled: nothing was written" + (ended.existed()
                    ? "; " + outcome.file() + " is left as it was." : "."));
        } else {
            progress.set(1);
            text.set("Exported " + rows + " to " + outcome.file());
        }
    }

    /** "Exporting allocations to FILE". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** How far it is ("12,000 of 1,000,000 allocations"), then how it ended. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** 0 to 1; negative while the total is not known. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** True until the export ended (Cancel shows; then Close). */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True when it ended in a failure (the text says why). */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }
}

package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.function.Consumer;

/**
 * Runs "background" work at once on the calling thread, so view-model tests assert right after a
 * call. {@link #cancelWhen} plays a planner pressing Cancel once the work reports a given progress
 * (or, by throwing, the work failing at that moment).
 */
final class InlineRunner implements BackgroundRunner {
    /** Decides, at each progress report, whether the planner presses Cancel now. */
    @FunctionalInterface
    interface CancelWhen {
        boolean now(long done, long total);
    }

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    int submitted;
    CancelWhen cancelWhen = (done, total) -> false;

    @Override
    public <T> Job run(Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure,
                       ProgressListener onProgress) {
        submitted++;
        boolean[] cancelled = {false};
        T result;
        try {
            result = work.call(new Progress() {
                @Override
                public void update(long done, long total) {
                    if (onProgress != null) {
                        onProgress.progress(done, total);
                    }
                    cancelled[0] |= cancelWhen.now(done, total);
                }

                @Override
                public boolean isCancelled() {
                    return cancelled[0];
                }
            });
        } catch (Exception | OutOfMemoryError e) {
            // javafx.concurrent.Task (the real runner) hands every Throwable to onFailure; an
            // AssertionError of a test is left to fail the test
            onFailure.accept(e);
            return () -> { };
        }
        onSuccess.accept(result);
        return () -> { };
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}

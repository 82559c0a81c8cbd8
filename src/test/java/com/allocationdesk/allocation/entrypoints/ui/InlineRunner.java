package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/** Runs "background" work at once on the calling thread, so view-model tests assert right after a call. */
final class InlineRunner implements BackgroundRunner {
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    int submitted;

    @Override
    public <T> Job run(Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure,
                       DoubleConsumer onProgress) {
        submitted++;
        T result;
        try {
            result = work.call(new Progress() {
                @Override
                public void update(long done, long total) {
                    if (onProgress != null && total > 0) {
                        onProgress.accept((double) done / total);
                    }
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            });
        } catch (Exception e) {
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

package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Runs "background" work at once on the calling thread, so view-model tests assert right after a
 * call. {@link #cancelWhen} plays a planner pressing Cancel once the work reports a given progress
 * (or, by throwing, the work failing at that moment). With {@link #holding} set, work waits until
 * {@link #releaseNext()}: a test then sees the screen while its work is still out, presses Cancel
 * through the returned job, or submits more.
 */
public final class InlineRunner implements BackgroundRunner {
    /** Decides, at each progress report, whether the planner presses Cancel now. */
    @FunctionalInterface
    public interface CancelWhen {
        boolean now(long done, long total);
    }

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final Deque<Runnable> held = new ArrayDeque<>();
    /** How many pieces of work were submitted so far. */
    public int submitted;
    public CancelWhen cancelWhen = (done, total) -> false;
    /** While true, submitted work waits for {@link #releaseNext()} instead of running at once. */
    public boolean holding;

    @Override
    public <T> Job run(Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure,
                       ProgressListener onProgress) {
        submitted++;
        boolean[] cancelled = {false};
        Runnable run = () -> {
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
                return;
            }
            onSuccess.accept(result);
        };
        if (holding) {
            held.add(run);
        } else {
            run.run();
        }
        return () -> cancelled[0] = true;
    }

    /** Runs the oldest held work now, with its callbacks. */
    public void releaseNext() {
        Runnable next = held.poll();
        if (next == null) {
            throw new IllegalStateException("no work is held");
        }
        next.run();
    }

    /** How many pieces of work wait for {@link #releaseNext()}. */
    public int held() {
        return held.size();
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}

package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.beans.property.ReadOnlyBooleanProperty;

import java.util.function.Consumer;

/**
 * Port: runs work off the FX thread (bus calls, queries) and hands the result back on the FX
 * thread. The window uses {@link FxBackgroundRunner} (javafx.concurrent tasks on one daemon
 * executor); view-model tests use an inline runner that calls everything at once.
 */
public interface BackgroundRunner {

    /** Work to run in the background; it may report progress and should stop when cancelled. */
    @FunctionalInterface
    interface Work<T> {
        T call(Progress progress) throws Exception;
    }

    /** Given to running work. */
    interface Progress {
        /**
         * Reports how far the work is ({@code total} negative: not known yet). The listener gets the
         * latest values on the FX thread; reports in between may be skipped.
         */
        void update(long done, long total);

        /** True once {@link Job#cancel()} was called: stop at the next safe point. */
        boolean isCancelled();
    }

    /** Gets progress on the FX thread. */
    @FunctionalInterface
    interface ProgressListener {
        /** {@code done} of {@code total} ({@code total} negative: not known yet). */
        void progress(long done, long total);
    }

    /** A submitted piece of work. */
    interface Job {
        /** Asks the work to stop at its next safe point ({@link Progress#isCancelled()}). */
        void cancel();
    }

    /**
     * Runs {@code work} in the background; {@code onSuccess} or {@code onFailure} then run on the FX
     * thread, and {@code onProgress} (may be null) gets the work's reports there, all of them before
     * {@code onSuccess} or {@code onFailure}.
     */
    <T> Job run(Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure,
                ProgressListener onProgress);

    default <T> Job run(Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        return run(work, onSuccess, onFailure, null);
    }

    /** True while any submitted work runs: the status bar's busy indicator. */
    ReadOnlyBooleanProperty busyProperty();
}

package com.allocationdesk.allocation.entrypoints.ui.support;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One piece of a screen's work, set up fluently and then {@link #start() started}: it runs through
 * the {@link BackgroundRunner} (off the FX thread), its screen's {@link WorkState} is busy until it
 * ends, and a failure is told on the screen's error line. The callbacks run on the FX thread, after
 * the busy flag dropped.
 *
 * @param <T> what the work returns
 */
public final class BackgroundTask<T> {
    private final WorkState state;
    private final BackgroundRunner.Work<T> work;
    private Consumer<? super T> onSuccess = value -> { };
    private Consumer<String> onFailure = sentence -> { };
    private Function<Throwable, String> failureText = ErrorText::of;
    private BackgroundRunner.ProgressListener onProgress;

    BackgroundTask(WorkState state, BackgroundRunner.Work<T> work) {
        this.state = state;
        this.work = Objects.requireNonNull(work, "work");
    }

    /** Gets the work's result when it succeeded. */
    public BackgroundTask<T> onSuccess(Consumer<? super T> action) {
        this.onSuccess = Objects.requireNonNull(action, "action");
        return this;
    }

    /** Gets the sentence shown on the error line when the work failed (after it is shown there). */
    public BackgroundTask<T> onFailure(Consumer<String> action) {
        this.onFailure = Objects.requireNonNull(action, "action");
        return this;
    }

    /** How a failure is told; {@link ErrorText#of} unless the screen says more (e.g. which file). */
    public BackgroundTask<T> failureText(Function<Throwable, String> text) {
        this.failureText = Objects.requireNonNull(text, "text");
        return this;
    }

    /** Gets the work's progress reports on the FX thread. */
    public BackgroundTask<T> onProgress(BackgroundRunner.ProgressListener listener) {
        this.onProgress = listener;
        return this;
    }

    /** Runs the work: the screen is busy from now until it ends. The job cancels it. */
    public BackgroundRunner.Job start() {
        state.started();
        return state.runner().run(work, value -> {
            state.finished();
            onSuccess.accept(value);
        }, error -> {
            state.finished();
            String sentence = failureText.apply(error);
            state.told(sentence);
            onFailure.accept(sentence);
        }, onProgress);
    }
}

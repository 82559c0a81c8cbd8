package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one screen is doing: busy while its work runs off the FX thread, and the sentence of its last
 * failure (empty when there is none). The one way a view model sends a command:
 * <pre>{@code
 * work.attempt(() -> new CreateBatch(...))                 // built on the FX thread: a refusal is the error line
 *     .ifPresent(command -> work.task(progress -> bus.handle(command))
 *             .onSuccess(ok -> done.set(true))
 *             .start());
 * }</pre>
 * Used on the FX thread, like the properties it holds.
 */
public final class WorkState {
    private final BackgroundRunner runner;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper(this, "errorMessage", "");
    private int running;

    public WorkState(BackgroundRunner runner) {
        this.runner = runner;
    }

    /**
     * Builds what the planner asked for (a command validates itself when built): the last error is
     * cleared; a refusal becomes the error line and nothing is returned.
     */
    public <C> Optional<C> attempt(Supplier<C> build) {
        errorMessage.set("");
        try {
            return Optional.of(build.get());
        } catch (RuntimeException e) {
            fail(e);
            return Optional.empty();
        }
    }

    /** Work to run in the background with this screen's busy flag and error line; {@link BackgroundTask#start()} runs it. */
    public <T> BackgroundTask<T> task(BackgroundRunner.Work<T> work) {
        return new BackgroundTask<>(this, work);
    }

    /** Shows why something failed (e.g. a query): the planner's sentence for {@code error}. */
    public void fail(Throwable error) {
        errorMessage.set(ErrorText.of(error));
    }

    /** Hides the error line (new data is in, or the planner typed again). */
    public void clearError() {
        errorMessage.set("");
    }

    /** True while any task of this screen runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }

    /** The sentence of the last failure; empty when there is none. */
    public ReadOnlyStringProperty errorMessageProperty() {
        return errorMessage.getReadOnlyProperty();
    }

    BackgroundRunner runner() {
        return runner;
    }

    void started() {
        running++;
        busy.set(true);
    }

    void finished() {
        running = Math.max(0, running - 1);
        busy.set(running > 0);
    }

    void told(String sentence) {
        errorMessage.set(sentence);
    }
}

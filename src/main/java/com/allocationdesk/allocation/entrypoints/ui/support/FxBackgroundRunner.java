package com.allocationdesk.allocation.entrypoints.ui.support;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs work as {@link Task}s on one small pool of daemon threads, so the FX thread never waits on
 * the database. Callbacks come back through the Task's own FX-thread events. Closed with the
 * container when the window closes.
 */
@ApplicationScoped
public class FxBackgroundRunner implements BackgroundRunner {
    private static final Logger log = LoggerFactory.getLogger(FxBackgroundRunner.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "desk-worker-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private int running;
    /** Set when the container closes: results that arrive later are not handed to the screens' closed beans. */
    private volatile boolean closed;

    @Override
    public <T> Job run(Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure,
                       ProgressListener onProgress) {
        AtomicBoolean cancelled = new AtomicBoolean();
        // Latest report not yet shown; a new report replaces it, so the FX thread is never flooded.
        AtomicReference<long[]> unshown = new AtomicReference<>();
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                Progress progress = new Progress() {
                    @Override
                    public void update(long done, long total) {
                        if (onProgress != null && unshown.getAndSet(new long[] {done, total}) == null) {
                            FxThread.run(() -> {
                                long[] latest = unshown.getAndSet(null);
                                onProgress.progress(latest[0], latest[1]);
                            });
                        }
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancelled.get();
                    }
                };
                return work.call(progress);
            }
        };
        task.setOnSucceeded(e -> {
            finished();
            if (!closed) { // after the container closed, the screens that asked are gone
                onSuccess.accept(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            finished();
            Throwable error = task.getException();
            log.debug("Background work failed", error);
            if (!closed) {
                onFailure.accept(error);
            }
        });
        started();
        executor.execute(task);
        // Cancelling only raises the flag: the work stops at its next safe point (between chunks) and
        // reports through onSuccess/onFailure as usual, so the window never claims more than happened.
        return () -> cancelled.set(true);
    }

    private void started() {
        running++;
        busy.set(true);
    }

    private void finished() {
        running = Math.max(0, running - 1);
        busy.set(running > 0);
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @PreDestroy
    void shutdown() {
        closed = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Background work still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

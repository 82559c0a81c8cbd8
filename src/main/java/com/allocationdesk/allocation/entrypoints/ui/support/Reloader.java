package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.beans.value.ObservableValue;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Re-runs one query in the background and hands its rows to the view; asked again while a run
 * is in flight, it runs once more afterwards instead of piling up queries. A view in a hidden tab
 * ({@link #onlyWhileShown}) is reloaded once, when it is shown again, not on every change it would
 * not show. Used on the FX thread.
 */
public final class Reloader<T> {
    private final BackgroundRunner runner;
    private final Callable<T> query;
    private final Consumer<T> show;
    private final Consumer<Throwable> failed;
    private boolean running;
    private boolean again;
    private ObservableValue<Boolean> shown;
    private boolean stale;

    public Reloader(BackgroundRunner runner, Callable<T> query, Consumer<T> show, Consumer<Throwable> failed) {
        this.runner = runner;
        this.query = query;
        this.show = show;
        this.failed = failed;
    }

    /**
     * From now on, reloads asked for while {@code shown} is false wait until it turns true: an import
     * then does not re-query and lay out a table nobody can see after every chunk.
     */
    public void onlyWhileShown(ObservableValue<Boolean> shown) {
        this.shown = shown;
        shown.addListener((obs, was, now) -> {
            if (Boolean.TRUE.equals(now) && stale) {
                reload();
            }
        });
    }

    public void reload() {
        if (shown != null && !Boolean.TRUE.equals(shown.getValue())) {
            stale = true;
            return;
        }
        stale = false;
        if (running) {
            again = true;
            return;
        }
        running = true;
        again = false;
        runner.run(progress -> query.call(), rows -> {
            finish();
            show.accept(rows);
        }, error -> {
            finish();
            failed.accept(error);
        });
    }

    private void finish() {
        running = false;
        if (again) {
            reload();
        }
    }
}

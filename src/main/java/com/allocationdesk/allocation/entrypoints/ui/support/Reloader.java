package com.allocationdesk.allocation.entrypoints.ui.support;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Re-runs one query in the background and hands its rows to the view; asked again while a run
 * is in flight, it runs once more afterwards instead of piling up queries. Used on the FX thread.
 */
public final class Reloader<T> {
    private final BackgroundRunner runner;
    private final Callable<T> query;
    private final Consumer<T> show;
    private final Consumer<Throwable> failed;
    private boolean running;
    private boolean again;

    public Reloader(BackgroundRunner runner, Callable<T> query, Consumer<T> show, Consumer<Throwable> failed) {
        this.runner = runner;
        this.query = query;
        this.show = show;
        this.failed = failed;
    }

    public void reload() {
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

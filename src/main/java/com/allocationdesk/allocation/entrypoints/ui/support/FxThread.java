package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.application.Platform;

/** The one place that hands work to the FX thread from other threads (pushed bus events). */
public final class FxThread {
    private FxThread() {
    }

    /** Runs {@code action} on the FX thread: now when already there, else soon. */
    public static void run(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /** Runs {@code action} on the FX thread after what is being handled now (e.g. after a tab's content shows). */
    public static void later(Runnable action) {
        Platform.runLater(action);
    }
}

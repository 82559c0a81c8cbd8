package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Where the focus goes back to when a dialog over a window closes: the window's main field (the
 * shown screen's filter or form), set by the window, so that it never lands on whatever button
 * happened to come next (once "Mark all read": Space then marked every alert read).
 */
public final class ReturnFocus {
    private static final Object KEY = ReturnFocus.class;

    private ReturnFocus() {
    }

    /** {@code focus} puts the focus where it belongs in {@code scene}'s window. */
    public static void set(Scene scene, Runnable focus) {
        scene.getProperties().put(KEY, focus);
    }

    /** A dialog over {@code owner} closed: the focus goes back to its main field (after the window is active again). */
    public static void afterDialog(Window owner) {
        if (owner == null || owner.getScene() == null) {
            return;
        }
        Object focus = owner.getScene().getProperties().get(KEY);
        if (focus instanceof Runnable runnable) {
            FxThread.later(runnable);
        }
    }
}

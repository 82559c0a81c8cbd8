package com.allocationdesk.allocation.entrypoints.ui.connections;

/** A connection setting the window will not save; the message is written for the planner, nothing was saved. */
public final class SettingRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SettingRefused(String message) {
        super(message);
    }

    public SettingRefused(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.allocationdesk.allocation.entrypoints.ui.support;

import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Port: the desktop the window runs on, for what it shows outside the window (a folder in the
 * file manager). {@code AllocationDeskApp} supplies the real one (JavaFX's
 * {@code HostServices.showDocument} on the folder's {@code file:} URI); window tests supply one
 * that records what was asked.
 */
@FunctionalInterface
public interface HostDesktop {
    /** Opens {@code folder} in the desktop's file manager. */
    void showFolder(Path folder);

    /** For a container started without the window (view-model tests): there is no desktop to ask, so it is logged. */
    static HostDesktop none() {
        return folder -> LoggerFactory.getLogger(HostDesktop.class).warn("No desktop to open {} on", folder);
    }
}

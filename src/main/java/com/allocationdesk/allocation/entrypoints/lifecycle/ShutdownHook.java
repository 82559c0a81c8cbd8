package com.allocationdesk.allocation.entrypoints.lifecycle;

/**
 * A JVM shutdown hook held while something runs: a signal (SIGTERM, Ctrl+C, a logout) runs it;
 * {@link #remove()} lets a normal end go without it.
 */
public final class ShutdownHook {
    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    /** Registers {@code onSignal} to run, on a thread called {@code name}, when the JVM is ended. */
    public static ShutdownHook add(String name, Runnable onSignal) {
        Thread thread = new Thread(onSignal, name);
        Runtime.getRuntime().addShutdownHook(thread);
        return new ShutdownHook(thread);
    }

    /** Removes the hook, unless the JVM is shutting down already: then it runs or ran, which is what ended us. */
    public void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}

package com.allocationdesk.allocation.entrypoints.ui.connections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What the window's two connections share: one daemon thread that runs a pass soon after it is
 * woken (a commit, a settings change; a burst within the coalescing time is one pass) and at least
 * once per period; a status line; and a stop that lets the pass in hand finish its file or chunk —
 * the pass's stop flag, never an interrupt — and waits for the thread, before the database closes.
 */
abstract class ConnectionLoop implements ConnectionStatus {
    /** How long closing the window waits for the pass in hand. */
    static final long STOP_WAIT_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(ConnectionLoop.class);

    private final Connection connection;
    private final String threadName;
    private final long periodMillis;
    private final long coalesceMillis;
    protected final StatusLine status;
    private final Object lock = new Object();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    /** Something asked for a pass; guarded by {@link #lock}. */
    private boolean wanted;
    private volatile boolean stopping;
    private Thread thread;
    /** The folder of the last pass (the thread's own). */
    protected Path lastFolder;

    ConnectionLoop(Connection connection, String threadName, long periodMillis, long coalesceMillis, ConnectionState initial) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.threadName = threadName;
        this.periodMillis = periodMillis;
        this.coalesceMillis = coalesceMillis;
        this.status = new StatusLine(initial);
    }

    /** What wakes the thread: subscribe {@code wake} and return the subscriptions (closed at stop). */
    protected abstract List<AutoCloseable> subscribe(Runnable wake);

    /** One pass; returns soon after {@code stopping} says so, with its file or chunk finished. */
    protected abstract void pass(BooleanSupplier stopping);

    /** Starts the thread (the window: once the first data is on screen); again, or after {@link #stop()}, does nothing. */
    public void start() {
        synchronized (lock) {
            if (thread != null || stopping) {
                return;
            }
            subscriptions.addAll(subscribe(this::wake));
            thread = new Thread(this::loop, threadName);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Stops the thread: a pass in progress finishes what it has in hand and starts nothing more;
     * waits up to {@value #STOP_WAIT_SECONDS} s for it. Call before the database closes. Calling it
     * again does nothing.
     */
    public void stop() {
        Thread running;
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
            running = thread;
            for (AutoCloseable subscription : subscriptions) {
                try {
                    subscription.close();
                } catch (Exception e) {
                    log.debug("Could not unsubscribe", e);
                }
            }
            subscriptions.clear();
        }
        if (running == null || running == Thread.currentThread()) {
            return;
        }
        try {
            running.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            log.warn("{}: still working after {} s; the database closes now (what was not recorded is done again at the"
                    + " next start)", connection.title(), STOP_WAIT_SECONDS);
        }
    }

    /** True while the thread runs (for tests: closing the window stops it). */
    public boolean running() {
        Thread running;
        synchronized (lock) {
            running = thread;
        }
        return running != null && running.isAlive();
    }

    @Override
    public ConnectionState state() {
        return status.state();
    }

    @Override
    public AutoCloseable onChange(Consumer<ConnectionState> listener) {
        return status.onChange(listener);
    }

    /** Asks for a pass soon. Any thread. */
    protected void wake() {
        synchronized (lock) {
            wanted = true;
            lock.notifyAll();
        }
    }

    private void loop() {
        log.debug("{} started", threadName);
        try {
            do {
                pass(() -> stopping);
            } while (awaitNextPass());
        } catch (RuntimeException | Error e) {
            log.error("{}: stopped after an unexpected failure", connection.title(), e);
            status.set(ConnectionState.failed(connection.title() + ": stopped after an unexpected failure (details are"
                    + " in the log); restart the window", lastFolder));
            throw e;
        }
        log.debug("{} stopped", threadName);
    }

    /** Waits for a wake-up (and the rest of its burst) or the period; false when stopping. */
    private boolean awaitNextPass() {
        synchronized (lock) {
            try {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(periodMillis);
                while (!stopping && !wanted && waitUntil(deadline)) {
                    // woken, or not yet: look again
                }
                if (wanted && coalesceMillis > 0) {
                    long burst = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(coalesceMillis);
                    while (!stopping && waitUntil(burst)) {
                        // more of the same burst
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            wanted = false;
            return !stopping;
        }
    }

    /** Waits on the lock until {@code deadline} or a wake-up; false once the deadline passed. */
    private boolean waitUntil(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
        return true;
    }

    /** The status of a connection that is off, or whose setting is wrong. */
    static ConnectionState notActive(FolderSetting setting) {
        return setting.problem().isEmpty() ? ConnectionState.off(setting.connection())
                : ConnectionState.failed(setting.connection().title() + ": " + setting.problem(), null);
    }
}

package com.allocationdesk.allocation.entrypoints.ui.connections;

import jakarta.annotation.PreDestroy;
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
    private final ConnectionSettings settings;
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
    // the thread's own state
    private Path lastFolder;
    private String lastFailure;

    ConnectionLoop(Connection connection, ConnectionSettings settings, String threadName, long periodMillis,
                   long coalesceMillis) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.threadName = threadName;
        this.periodMillis = periodMillis;
        this.coalesceMillis = coalesceMillis;
        FolderSetting setting = settings.current(connection);
        this.status = new StatusLine(setting.active()
                .map(folder -> ConnectionState.fine(connection.title() + ": starting…", folder))
                .orElseGet(() -> notActive(setting)));
    }

    /**
     * What wakes the thread besides a change of the settings (which always does): subscribe
     * {@code wake} and return the subscriptions (closed at stop).
     */
    protected abstract List<AutoCloseable> subscribe(Runnable wake);

    /** The folder to work in is new (the first pass, or the settings changed): log it, forget what was of the old one. */
    protected abstract void newFolder(Path folder, String origin);

    /**
     * One pass in the folder; returns soon after {@code stopping} says so, with its file or chunk
     * finished, and sets the status (through {@link #working} or {@link #failed}).
     */
    protected abstract void passIn(Path folder, BooleanSupplier stopping);

    /** A pass: nothing while the connection is off (its status says so), else {@link #passIn} its folder. */
    private void pass(BooleanSupplier stopping) {
        FolderSetting setting = settings.current(connection);
        java.util.Optional<Path> active = setting.active();
        if (active.isEmpty()) {
            lastFailure = null;
            status.set(notActive(setting));
            return;
        }
        Path folder = active.get();
        if (!folder.equals(lastFolder)) {
            lastFolder = folder;
            newFolder(folder, setting.origin());
        }
        passIn(folder, stopping);
    }

    /** The pass did its work: the status tells {@code state}, and a failure before it is logged as over. */
    protected void working(ConnectionState state, String recovered) {
        if (lastFailure != null) {
            log.info("{}: {}", connection.title(), recovered);
            lastFailure = null;
        }
        status.set(state);
    }

    /**
     * The pass could not do its work: one line on the status bar ("Inbox: what — retrying"); the log
     * gets the first of a kind with its cause, repeats only at debug level.
     */
    protected void failed(String what, Path folder, Throwable e) {
        if (!what.equals(lastFailure)) {
            log.warn("{}: {}; retrying every {} s, nothing is lost or done twice", connection.title(), what,
                    Math.max(1, periodMillis / 1000), e);
        } else {
            log.debug("{} still unavailable: {}", connection.title(), what);
        }
        lastFailure = what;
        status.set(ConnectionState.failed(connection.title() + ": " + what + " — retrying", folder));
    }

    /** Starts the thread (the window: once the first data is on screen); again, or after {@link #stop()}, does nothing. */
    public void start() {
        synchronized (lock) {
            if (thread != null || stopping) {
                return;
            }
            subscriptions.add(settings.onChange(this::wake));
            subscriptions.addAll(subscribe(this::wake));
            thread = new Thread(this::loop, threadName);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Stops the thread: a pass in progress finishes what it has in hand and starts nothing more;
     * waits up to {@value #STOP_WAIT_SECONDS} s for it. Call before the database closes. Calling it
     * again does nothing; the container calls it too, when it closes.
     */
    @PreDestroy
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
    private void wake() {
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

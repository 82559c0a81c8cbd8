package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.outbox.OutboxRelay;
import com.allocationdesk.allocation.outbox.OutboxUnavailable;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;
import com.allocationdesk.allocation.servicelayer.EventBroadcaster;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The outbox relay as the window runs it (the command line's {@code publish} cannot run beside the
 * window, which holds the database): while the outbox is on ({@link ConnectionSettings}), one
 * daemon thread, {@code desk-outbox}, calls {@link OutboxRelay#publishPending} soon after the desk
 * commits something (it listens to the {@link EventBroadcaster}; a burst of commits within
 * {@value #COALESCE_MILLIS} ms is one run, and a run takes everything pending), after each change
 * of the settings, and at least every {@value #PERIOD_MILLIS} ms.
 * <p>
 * A folder that cannot be written (gone, read-only, replaced by a file, a full disk) is one line on
 * the status bar ("Outbox: cannot write to … — retrying") and a warning in the log; the next run
 * tries again by itself, and since the progress is in the database nothing is lost or skipped.
 * {@link #stop()} (the window closing, before the database closes) lets the file in hand finish —
 * the relay's stop flag, never an interrupt — and waits for the thread.
 */
@ApplicationScoped
public class OutboxPublisher implements ConnectionStatus {
    /** The longest pause between two runs: a failure is retried, and a commit the thread missed published, this often. */
    public static final long PERIOD_MILLIS = 5_000;
    /** How long a commit waits for the rest of its burst before the run. */
    public static final long COALESCE_MILLIS = 200;
    /** How long closing the window waits for the file in hand. */
    static final long STOP_WAIT_SECONDS = 30;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final OutboxRelay relay;
    private final EventBroadcaster broadcaster;
    private final ConnectionSettings settings;
    private final Clock clock;
    private final StatusLine status;
    private final Object lock = new Object();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    /** Something asked for a run (a commit, a settings change); guarded by {@link #lock}. */
    private boolean wanted;
    private volatile boolean stopping;
    private Thread thread;
    // the thread's own state
    private Path lastFolder;
    private Instant lastFile;
    private String lastFailure;

    @Inject
    public OutboxPublisher(OutboxRelay relay, EventBroadcaster broadcaster, ConnectionSettings settings, Clock clock) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.broadcaster = Objects.requireNonNull(broadcaster, "broadcaster");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        FolderSetting outbox = settings.current(Connection.OUTBOX);
        this.status = new StatusLine(outbox.active()
                .map(folder -> ConnectionState.fine("Outbox: starting…", folder))
                .orElseGet(() -> notActive(outbox)));
    }

    /** Starts the thread (the window: once the first data is on screen); calling it again, or after {@link #stop()}, does nothing. */
    public void start() {
        synchronized (lock) {
            if (thread != null || stopping) {
                return;
            }
            subscriptions.add(broadcaster.subscribe(event -> wake()));
            subscriptions.add(settings.onChange(this::wake));
            thread = new Thread(this::loop, "desk-outbox");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Stops the thread: a run in progress finishes the file in hand (renamed, its progress stored)
     * and publishes no further; waits up to {@value #STOP_WAIT_SECONDS} s for it. Call before the
     * database closes. Calling it again does nothing.
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
            log.warn("The outbox relay is still writing after {} s; the database closes now (the next start publishes"
                    + " again what was not recorded)", STOP_WAIT_SECONDS);
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

    /** Asks for a run soon (a commit, a settings change). Any thread. */
    private void wake() {
        synchronized (lock) {
            wanted = true;
            lock.notifyAll();
        }
    }

    private void loop() {
        log.debug("Outbox relay started");
        try {
            do {
                publishOnce();
            } while (awaitNextRun());
        } catch (RuntimeException | Error e) {
            log.error("The outbox relay stopped unexpectedly", e);
            status.set(ConnectionState.failed("Outbox: stopped after an unexpected failure (details are in the log);"
                    + " restart the window", lastFolder));
            throw e;
        }
        log.debug("Outbox relay stopped");
    }

    /** Waits for a commit (and the rest of its burst), a settings change or the period; false when stopping. */
    private boolean awaitNextRun() {
        synchronized (lock) {
            try {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);
                while (!stopping && !wanted && waitUntil(deadline)) {
                    // woken, or not yet: look again
                }
                if (wanted) {
                    long burst = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COALESCE_MILLIS);
                    while (!stopping && waitUntil(burst)) {
                        // more commits of the same burst
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

    private void publishOnce() {
        FolderSetting outbox = settings.current(Connection.OUTBOX);
        Optional<Path> active = outbox.active();
        if (active.isEmpty()) {
            lastFailure = null;
            status.set(notActive(outbox));
            return;
        }
        Path folder = active.get();
        if (!folder.equals(lastFolder)) {
            lastFolder = folder;
            lastFile = null;
            log.info("Publishing the ledger to the outbox folder {} (set by {})", folder, outbox.origin());
        }
        try {
            OutboxRelay.Published published = relay.publishPending(folder, OutboxRelay.DEFAULT_ENTRIES_PER_FILE, () -> stopping);
            if (published.files() > 0) {
                lastFile = clock.instant();
            }
            if (lastFailure != null) {
                log.info("The outbox folder {} takes files again: published up to seq {}", folder, published.lastSeq());
                lastFailure = null;
            }
            status.set(ConnectionState.fine(upTo(published.lastSeq()), folder));
        } catch (OutboxUnavailable e) {
            failed("cannot write to " + e.folder() + " (" + e.reason() + ")", folder, e);
        } catch (RuntimeException e) {
            failed(sentence(e), folder, e);
        }
    }

    private String upTo(long lastSeq) {
        if (lastSeq == 0) {
            return "Outbox: on, nothing to publish yet";
        }
        String text = "Outbox: up to #" + lastSeq;
        return lastFile == null ? text : text + ", last file " + TIME.format(lastFile.atZone(ZoneId.systemDefault()));
    }

    /** One line on the status bar; the log gets the first of a kind with its cause, repeats only at debug level. */
    private void failed(String what, Path folder, RuntimeException e) {
        if (!what.equals(lastFailure)) {
            log.warn("Outbox: {}; retrying every {} s, nothing is lost (the progress is in the database)", what,
                    PERIOD_MILLIS / 1000, e);
        } else {
            log.debug("Outbox still unavailable: {}", what);
        }
        lastFailure = what;
        status.set(ConnectionState.failed("Outbox: " + what + " — retrying", folder));
    }

    /** A failure other than the folder's: the database's own sentence (a full disk), else "something went wrong". */
    private static String sentence(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseUnavailable unavailable) {
                return "cannot record its progress: " + unavailable.getMessage();
            }
        }
        return "something went wrong (details are in the log)";
    }

    private static ConnectionState notActive(FolderSetting outbox) {
        return outbox.problem().isEmpty() ? ConnectionState.off(Connection.OUTBOX)
                : ConnectionState.failed("Outbox: " + outbox.problem(), null);
    }
}

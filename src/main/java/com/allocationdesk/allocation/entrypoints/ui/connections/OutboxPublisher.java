package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.outbox.OutboxRelay;
import com.allocationdesk.allocation.outbox.OutboxUnavailable;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;
import com.allocationdesk.allocation.servicelayer.EventBroadcaster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

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
public class OutboxPublisher extends ConnectionLoop {
    /** The longest pause between two runs: a failure is retried, and a commit the thread missed published, this often. */
    public static final long PERIOD_MILLIS = 5_000;
    /** How long a commit waits for the rest of its burst before the run. */
    public static final long COALESCE_MILLIS = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final OutboxRelay relay;
    private final EventBroadcaster broadcaster;
    private final Clock clock;
    /** When the thread last renamed a file into place in the current folder. */
    private Instant lastFile;

    @Inject
    public OutboxPublisher(OutboxRelay relay, EventBroadcaster broadcaster, ConnectionSettings settings, Clock clock) {
        super(Connection.OUTBOX, settings, "desk-outbox", PERIOD_MILLIS, COALESCE_MILLIS);
        this.relay = Objects.requireNonNull(relay, "relay");
        this.broadcaster = Objects.requireNonNull(broadcaster, "broadcaster");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected List<AutoCloseable> subscribe(Runnable wake) {
        return List.of(broadcaster.subscribe(event -> wake.run()));
    }

    @Override
    protected void newFolder(Path folder, String origin) {
        lastFile = null;
        log.info("Publishing the ledger to the outbox folder {} (set by {})", folder, origin);
    }

    @Override
    protected void passIn(Path folder, BooleanSupplier stopping) {
        try {
            OutboxRelay.Published published = relay.publishPending(folder, OutboxRelay.DEFAULT_ENTRIES_PER_FILE, stopping);
            if (published.files() > 0) {
                lastFile = clock.instant();
            }
            working(ConnectionState.fine(upTo(published.lastSeq()), folder),
                    "the folder " + folder + " takes files again: published up to seq " + published.lastSeq());
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

    /** A failure other than the folder's: the database's own sentence (a full disk), else "something went wrong". */
    private static String sentence(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseUnavailable unavailable) {
                return "cannot record its progress: " + unavailable.getMessage();
            }
        }
        return "something went wrong (details are in the log)";
    }
}

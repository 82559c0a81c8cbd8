package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.bootstrap.DeskIdentity;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates.Topic;
import com.allocationdesk.allocation.queries.EventLogQuery;
import com.allocationdesk.allocation.queries.LogEntryRow;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What other desks sharing the database commit, brought to this window: every
 * {@value #POLL_MILLIS} ms it reads the ledger's entries after the last one it saw and tells
 * {@link LiveUpdates} which views changed and which lines ran out of stock, naming the desk
 * ({@code user@host}). The log's sequence is the truth, so nothing is missed, however long the
 * database was out of reach; entries this desk wrote are skipped (its bus told the window already).
 * On the embedded file only this process writes, so it finds none.
 * <p>
 * When the database cannot be read it says so once ({@link #onReachability}) and tries again at the
 * same pace; the first read that works says so too.
 */
@ApplicationScoped
public class OtherDesks {
    /** How often the ledger is read: other desks' changes show within about this and one refresh. */
    public static final long POLL_MILLIS = 250;
    /** Entries read at a time; a longer backlog is read in pages, at once. */
    static final int PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(OtherDesks.class);

    private final EventLogQuery ledger;
    private final LiveUpdates live;
    private final String self;
    private final List<Consumer<Reachability>> reachabilityListeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;
    /** The last entry seen; -1 before {@link #markEnd}. Read and written by one thread at a time (start() hands it over). */
    private volatile long last = -1;
    private Reachability reachability = Reachability.REACHABLE;

    /** Whether the last read of the ledger worked. */
    public enum Reachability { REACHABLE, UNREACHABLE }

    @Inject
    public OtherDesks(EventLogQuery ledger, LiveUpdates live, DeskIdentity desk) {
        this.ledger = ledger;
        this.live = live;
        this.self = desk.name();
    }

    /** Calls {@code listener} (on the follower's thread) each time the database stops or starts answering. */
    public void onReachability(Consumer<Reachability> listener) {
        reachabilityListeners.add(listener);
    }

    /** Starts following from the end of the log (the window: once the first data is on screen); again does nothing. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "desk-other-desks");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::follow, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops following; waits for a read in progress, so it ends before the database closes. */
    @PreDestroy
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = timer;
        }
        if (running == null) {
            return;
        }
        running.shutdownNow();
        try {
            if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Following the other desks did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void follow() {
        try {
            poll();
            reachable(Reachability.REACHABLE, null);
        } catch (RuntimeException e) {
            reachable(Reachability.UNREACHABLE, e);
        }
    }

    /**
     * Notes where the log ends now: what the window is about to read first already includes what
     * came before. The window calls it before it loads its first data (off the FX thread), so
     * nothing committed in between is missed.
     */
    public void markEnd() {
        last = ledger.last();
    }

    /**
     * One read of the ledger, on the calling thread: without {@link #markEnd} first, the first only
     * notes where the log ends; the others pass on every entry of another desk since. Returns how
     * many there were.
     */
    int poll() {
        if (last < 0) {
            markEnd();
            return 0;
        }
        int found = 0;
        List<LogEntryRow> page;
        do {
            page = ledger.after(last, PAGE);
            Set<Topic> topics = EnumSet.noneOf(Topic.class);
            List<StockAlert> alerts = new ArrayList<>();
            for (LogEntryRow entry : page) {
                last = entry.seq();
                if (self.equals(entry.desk())) {
                    continue;
                }
                found++;
                topics.addAll(EventTopics.ofType(entry.type()));
                if (EventTopics.OUT_OF_STOCK_TYPE.equals(entry.type())) {
                    alerts.add(new StockAlert(entry.orderId(), entry.sku(), entry.quantity(), entry.desk()));
                }
            }
            if (!topics.isEmpty()) {
                live.changedElsewhere(topics, alerts);
                log.debug("Passed on what other desks did up to entry {}, committed {} ms ago", last,
                        Duration.between(page.get(page.size() - 1).at(), Instant.now()).toMillis());
            }
        } while (page.size() == PAGE);
        return found;
    }

    private void reachable(Reachability now, RuntimeException cause) {
        synchronized (this) {
            if (now == reachability) {
                return;
            }
            reachability = now;
        }
        if (now == Reachability.UNREACHABLE) {
            log.warn("Cannot read the ledger; trying again every {} ms", POLL_MILLIS, cause);
        } else {
            log.info("The ledger can be read again");
        }
        reachabilityListeners.forEach(listener -> listener.accept(now));
    }
}

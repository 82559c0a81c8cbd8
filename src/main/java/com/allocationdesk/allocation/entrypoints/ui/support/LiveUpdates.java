package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.servicelayer.EventBroadcaster;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns bus events (pushed on worker threads, a whole reallocation cascade at a time) into a few
 * refreshes on the FX thread: events are collected for {@value #COALESCE_MILLIS} ms, then every view
 * whose data changed is told once. A burst of 10,000 allocations costs one query per view, not
 * 10,000.
 */
@ApplicationScoped
public class LiveUpdates {
    /** How long events are collected before the views refresh. */
    public static final long COALESCE_MILLIS = 150;
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    /** What changed; each view listens to the topics it shows. */
    public enum Topic { BATCHES, ALLOCATIONS, WAITING, TOTALS, NOTIFICATIONS }

    private final EventBroadcaster broadcaster;
    private final Map<Topic, List<Runnable>> listeners = new EnumMap<>(Topic.class);
    private final List<Consumer<List<StockAlert>>> outOfStockListeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final Set<Topic> pending = EnumSet.noneOf(Topic.class);
    private final List<StockAlert> pendingAlerts = new ArrayList<>();
    /** True on a thread that runs a bulk job ({@link #quietly}): its out-of-stock lines make no banner. */
    private final ThreadLocal<Boolean> quiet = ThreadLocal.withInitial(() -> false);
    private boolean scheduled;
    private ScheduledExecutorService timer;
    private AutoCloseable subscription;

    @Inject
    public LiveUpdates(EventBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
        for (Topic topic : Topic.values()) {
            listeners.put(topic, new CopyOnWriteArrayList<>());
        }
    }

    /** Set when the container closes; a delivery already queued for the FX thread then does nothing. */
    private volatile boolean closed;

    @PostConstruct
    void subscribe() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "desk-live-updates");
            thread.setDaemon(true);
            return thread;
        });
        subscription = broadcaster.subscribe(this::received);
    }

    @PreDestroy
    void unsubscribe() {
        closed = true;
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            log.warn("Could not unsubscribe from bus events", e);
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /**
     * Calls {@code refresh} on the FX thread, at most once per burst, when {@code topic} changed (once
     * too when it listens to several topics that changed together). Closing the result stops it: a
     * short-lived screen (a dialog) must, so it is not kept alive.
     */
    public AutoCloseable onChange(Topic topic, Runnable refresh) {
        List<Runnable> forTopic = listeners.get(topic);
        forTopic.add(refresh);
        return () -> forTopic.remove(refresh);
    }

    /**
     * Calls {@code alert} on the FX thread with the lines that ran out of stock in the last burst,
     * on this desk or on another ({@link #changedElsewhere}).
     */
    public void onOutOfStock(Consumer<List<StockAlert>> alert) {
        outOfStockListeners.add(alert);
    }

    /**
     * Runs {@code job} (on the calling worker thread) without out-of-stock banners: the lines its
     * commands leave waiting reach no {@link #onOutOfStock} listener, however late they are
     * delivered; the views still refresh. A CSV import does this and says itself, once, how many
     * lines wait.
     */
    public <T> T quietly(java.util.function.Supplier<T> job) {
        boolean outer = quiet.get();
        quiet.set(true);
        try {
            return job.get();
        } finally {
            quiet.set(outer);
        }
    }

    /** Tells every view to re-read its data now (the Refresh command). Call on the FX thread. */
    public void refreshAll() {
        deliver(EnumSet.allOf(Topic.class), List.of());
    }

    /** Called by the broadcaster on a worker thread. */
    void received(Event event) {
        boolean alert = event instanceof OutOfStock && !quiet.get();
        changed(EventTopics.of(event), alert ? List.of(StockAlert.here((OutOfStock) event)) : List.of());
    }

    /**
     * Another desk changed {@code topics} and left {@code alerts} waiting ({@link OtherDesks}); any
     * thread. Delivered like this desk's own changes, in the same burst.
     */
    public void changedElsewhere(Set<Topic> topics, List<StockAlert> alerts) {
        changed(topics, alerts);
    }

    private void changed(Set<Topic> topics, List<StockAlert> alerts) {
        synchronized (lock) {
            pending.addAll(topics);
            pendingAlerts.addAll(alerts);
            if (scheduled || timer == null) {
                return;
            }
            scheduled = true;
        }
        timer.schedule(this::flush, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void flush() {
        Set<Topic> topics;
        List<StockAlert> alerts;
        synchronized (lock) {
            topics = EnumSet.copyOf(pending.isEmpty() ? EnumSet.noneOf(Topic.class) : pending);
            alerts = List.copyOf(pendingAlerts);
            pending.clear();
            pendingAlerts.clear();
            scheduled = false;
        }
        FxThread.run(() -> deliver(topics, alerts));
    }

    private void deliver(Set<Topic> topics, List<StockAlert> alerts) {
        if (closed) {
            return; // the window's container is gone: its listeners would reach closed beans
        }
        if (!alerts.isEmpty()) {
            outOfStockListeners.forEach(listener -> listener.accept(alerts));
        }
        Set<Runnable> refreshes = new java.util.LinkedHashSet<>();
        for (Topic topic : topics) {
            refreshes.addAll(listeners.get(topic));
        }
        for (Runnable refresh : refreshes) {
            try {
                refresh.run();
            } catch (RuntimeException e) {
                log.error("Refreshing {} failed", topics, e);
            }
        }
    }
}

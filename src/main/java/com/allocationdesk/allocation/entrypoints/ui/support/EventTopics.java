package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.domain.events.LineCancelled;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates.Topic;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which of the window's views refresh after each event: one explicit entry per event.
 * {@code RegistryCompletenessTest} fails when an event of the sealed {@link Event} has none, so a
 * new event is a decision here, not a silent refresh of every view.
 */
public final class EventTopics {
    private static final Set<Topic> STOCK = topics(Topic.BATCHES, Topic.TOTALS);
    private static final Set<Topic> LINES = topics(Topic.BATCHES, Topic.ALLOCATIONS, Topic.WAITING, Topic.TOTALS);

    private static final Map<Class<? extends Event>, Set<Topic>> TOPICS = Map.of(
            BatchCreated.class, STOCK,
            BatchQuantityChanged.class, STOCK,
            Allocated.class, LINES,
            Deallocated.class, LINES,
            LineCancelled.class, LINES,
            OutOfStock.class, topics(Topic.WAITING, Topic.TOTALS, Topic.NOTIFICATIONS));

    private EventTopics() {
    }

    /** The views that show what {@code event} changed; every view for an event without an entry. */
    static Set<Topic> of(Event event) {
        return TOPICS.getOrDefault(event.getClass(), topics(Topic.values()));
    }

    /** The events with an entry. */
    public static Set<Class<? extends Event>> mapped() {
        return TOPICS.keySet();
    }

    private static Set<Topic> topics(Topic... topics) {
        EnumSet<Topic> set = EnumSet.noneOf(Topic.class);
        Collections.addAll(set, topics);
        return Collections.unmodifiableSet(set);
    }
}

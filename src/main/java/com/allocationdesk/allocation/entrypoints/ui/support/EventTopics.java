package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.domain.events.LineCancelled;
import com.allocationdesk.allocation.domain.events.LineQuantityChanged;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates.Topic;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of the window's views refresh after each event: one explicit entry per event, with the type
 * it is published under (docs/EVENTS.md), by which another desk's ledger entries are known
 * ({@link OtherDesks}). {@code RegistryCompletenessTest} fails when an event of the sealed
 * {@link Event} has none, so a new event is a decision here, not a silent refresh of every view;
 * {@code EventContractTest} holds the types to the ones the ledger writes.
 */
public final class EventTopics {
    private static final Set<Topic> STOCK = topics(Topic.BATCHES, Topic.TOTALS);
    private static final Set<Topic> LINES = topics(Topic.BATCHES, Topic.ALLOCATIONS, Topic.WAITING, Topic.TOTALS);

    private record Entry(Class<? extends Event> event, String type, Set<Topic> topics) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(BatchCreated.class, "batch.created", STOCK),
            new Entry(BatchQuantityChanged.class, "batch.quantity_changed", STOCK),
            new Entry(Allocated.class, "line.allocated", LINES),
            new Entry(Deallocated.class, "line.deallocated", LINES),
            new Entry(LineCancelled.class, "line.cancelled", LINES),
            new Entry(LineQuantityChanged.class, "line.quantity_changed",
                    topics(Topic.BATCHES, Topic.ALLOCATIONS, Topic.WAITING, Topic.TOTALS, Topic.NOTIFICATIONS)),
            new Entry(OutOfStock.class, "line.waiting", topics(Topic.WAITING, Topic.TOTALS, Topic.NOTIFICATIONS)));

    /** The published type of the event that ran out of stock: another desk's alert. */
    static final String OUT_OF_STOCK_TYPE = typeOf(OutOfStock.class);

    private EventTopics() {
    }

    /** The views that show what {@code event} changed; every view for an event without an entry. */
    public static Set<Topic> of(Event event) {
        return ENTRIES.stream().filter(entry -> entry.event() == event.getClass()).findFirst()
                .map(Entry::topics).orElseGet(() -> topics(Topic.values()));
    }

    /** The same for a ledger entry of published {@code type}; every view for a type without an entry (a newer desk's). */
    public static Set<Topic> ofType(String type) {
        return ENTRIES.stream().filter(entry -> entry.type().equals(type)).findFirst()
                .map(Entry::topics).orElseGet(() -> topics(Topic.values()));
    }

    /** The events with an entry. */
    public static Set<Class<? extends Event>> mapped() {
        Set<Class<? extends Event>> mapped = new LinkedHashSet<>();
        ENTRIES.forEach(entry -> mapped.add(entry.event()));
        return mapped;
    }

    /** The published type of {@code event}. */
    public static String typeOf(Class<? extends Event> event) {
        return ENTRIES.stream().filter(entry -> entry.event() == event).findFirst().map(Entry::type)
                .orElseThrow(() -> new IllegalArgumentException("No entry for " + event.getSimpleName()));
    }

    private static Set<Topic> topics(Topic... topics) {
        EnumSet<Topic> set = EnumSet.noneOf(Topic.class);
        Collections.addAll(set, topics);
        return Collections.unmodifiableSet(set);
    }
}

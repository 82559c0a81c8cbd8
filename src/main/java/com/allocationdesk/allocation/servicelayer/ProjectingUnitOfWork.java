package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.messages.Message;
import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.domain.events.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bus's wrapper around every unit of work: just before it commits, it runs the projections on
 * its events, so the read tables change in the same transaction as the write model, and appends
 * every event to the event log ({@link EventLogWriter}), so the ledger holds exactly what committed.
 * <p>
 * The one rule for a projection that fails: it is logged and skipped, and the command still
 * commits ({@code RebuildReadModel} repairs the read model) — except a {@link ConcurrentModification}.
 * That one is not a broken projection but another unit of work that changed the same rows first; it
 * leaves this commit, the unit of work rolls back, and the bus re-runs the handler from scratch.
 */
final class ProjectingUnitOfWork extends ForwardingUnitOfWork implements HandlerContext {
    private static final Logger log = LoggerFactory.getLogger(ProjectingUnitOfWork.class);

    private final Map<Class<?>, List<EventHandler<?>>> projections;
    private final List<Event> projected = new ArrayList<>();

    ProjectingUnitOfWork(UnitOfWork delegate, Map<Class<?>, List<EventHandler<?>>> projections) {
        super(delegate);
        this.projections = projections;
    }

    /**
     * Projects the new events, appends every one of them to the event log (a failed projection
     * skips a read-table row, never an entry of the log), and commits: the change, its read rows
     * and its log entries in one transaction.
     */
    @Override
    public void commit() {
        List<Event> events = delegate.collectNewEvents();
        for (Event event : events) {
            for (EventHandler<?> projection : projections.getOrDefault(event.getClass(), List.of())) {
                try {
                    project(projection, event);
                } catch (ConcurrentModification conflict) {
                    throw conflict;
                } catch (RuntimeException e) {
                    log.error("Projection {} failed on {}; the read model may be stale until RebuildReadModel", projection, event, e);
                }
            }
        }
        if (!events.isEmpty()) {
            delegate.eventLog().append(events);
        }
        projected.addAll(events);
        delegate.commit();
    }

    /** The events projected at commit (the bus hands them on to the event handlers), then any newer ones. */
    @Override
    public List<Event> collectNewEvents() {
        List<Event> all = new ArrayList<>(projected);
        projected.clear();
        all.addAll(delegate.collectNewEvents());
        return all;
    }

    /** Projections get this unit of work as their context. */
    @Override
    public UnitOfWork uow() {
        return this;
    }

    @Override
    public void emit(Message message) {
        throw new UnsupportedOperationException("Projections write the read model; they do not send messages");
    }

    @Override
    public <R> R handleHere(Command<R> command) {
        throw new UnsupportedOperationException("Projections write the read model; they do not run commands");
    }

    @SuppressWarnings("unchecked")
    private void project(EventHandler<?> projection, Event event) {
        ((EventHandler<Event>) projection).handle(event, this);
    }
}

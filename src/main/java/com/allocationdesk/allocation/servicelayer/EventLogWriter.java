package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.events.Event;

import java.util.List;

/**
 * Port: the planner's ledger, the append-only log of every event a committed unit of work produced
 * (docs/EVENTS.md). Obtained from a {@link UnitOfWork}, so what is appended commits or rolls back
 * with the change: a rolled-back unit of work leaves no entry. The bus appends every event it
 * collects from a unit of work, before that unit commits; nothing else writes it.
 */
public interface EventLogWriter {
    /** Adds the events, in order, to what this unit of work will record when it commits. */
    void append(List<Event> events);
}

package com.allocationdesk.allocation.domain.commands;

/** The planner has seen every out-of-stock notification so far. */
public record MarkNotificationsRead() implements Command<Void> {
}

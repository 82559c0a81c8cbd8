package com.allocationdesk.allocation.domain.commands;

/** Recompute every read table from the write model (after a projection failed). */
public record RebuildReadModel() implements Command<Void> {
}

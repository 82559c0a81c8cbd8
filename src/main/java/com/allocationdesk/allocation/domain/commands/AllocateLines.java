package com.allocationdesk.allocation.domain.commands;

import com.allocationdesk.allocation.domain.InvalidCommand;

import java.util.List;
import java.util.Optional;

/**
 * Allocate many order lines in one unit of work (bulk imports): one commit per chunk instead of
 * one per line. The result has one entry per line, in order: the chosen batch, or empty when the
 * line waits for stock. Allocation is idempotent, so sending a chunk again (after an interrupted
 * import) changes nothing that was already done.
 */
public record AllocateLines(List<Allocate> lines) implements Command<List<Optional<String>>> {
    /** More lines than this belong in several commands: a unit of work holds them all in memory. */
    public static final int MAX_LINES = 10_000;

    public AllocateLines {
        if (lines == null || lines.isEmpty()) {
            throw new InvalidCommand("At least one order line is required");
        }
        if (lines.size() > MAX_LINES) {
            throw new InvalidCommand("At most " + MAX_LINES + " lines at once, was " + lines.size());
        }
        lines = List.copyOf(lines);
    }
}

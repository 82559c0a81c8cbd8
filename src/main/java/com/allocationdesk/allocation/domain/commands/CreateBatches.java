package com.allocationdesk.allocation.domain.commands;

import com.allocationdesk.allocation.domain.InvalidCommand;

import java.util.List;

/**
 * Create many batches in one unit of work (bulk imports). A batch that already exists exactly as
 * given (same reference, SKU, quantity and ETA) is skipped, so re-running an interrupted import
 * completes it; one that exists with other details is a {@code DuplicateBatch} and nothing of the
 * command is kept. The result is how many batches were created.
 */
public record CreateBatches(List<CreateBatch> batches) implements Command<Integer> {
    public static final int MAX_BATCHES = 10_000;

    public CreateBatches {
        if (batches == null || batches.isEmpty()) {
            throw new InvalidCommand("At least one batch is required");
        }
        if (batches.size() > MAX_BATCHES) {
            throw new InvalidCommand("At most " + MAX_BATCHES + " batches at once, was " + batches.size());
        }
        batches = List.copyOf(batches);
    }
}

package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.DomainException;
import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.domain.commands.TakeInboxChunk;
import com.allocationdesk.allocation.servicelayer.ChunkCommandRefused;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.InboxReceipts;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes one chunk of an inbox file exactly once: when its receipt is already stored, nothing;
 * otherwise every command of the chunk through its own handler, in this one unit of work
 * ({@link HandlerContext#handleHere}), then the receipt, then one commit. A command that a rule
 * refuses leaves as {@link ChunkCommandRefused} (which command, the rule's message), and the unit
 * of work rolls back: none of the chunk, and no receipt.
 */
public final class TakeInboxChunkHandler implements CommandHandler<TakeInboxChunk, Optional<List<Object>>> {
    private final Clock clock;

    public TakeInboxChunkHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<List<Object>> handle(TakeInboxChunk chunk, HandlerContext context) {
        UnitOfWork uow = context.uow();
        if (uow.inbox().taken(chunk.contentHash(), chunk.chunk())) {
            return Optional.empty();
        }
        List<Object> results = new ArrayList<>(chunk.commands().size());
        for (int i = 0; i < chunk.commands().size(); i++) {
            Command<?> command = chunk.commands().get(i);
            try {
                results.add(context.handleHere(command));
            } catch (DomainException refused) {
                throw new ChunkCommandRefused(i, refused);
            }
        }
        uow.inbox().record(new InboxReceipts.Receipt(chunk.contentHash(), chunk.chunk(), chunk.file(),
                chunk.commands().size(), chunk.last(), clock.instant()));
        uow.commit();
        return Optional.of(results);
    }
}

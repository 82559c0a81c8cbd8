package com.allocationdesk.allocation.entrypoints.inbox;

import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.domain.commands.TakeInboxChunk;
import com.allocationdesk.allocation.entrypoints.imports.ChunkDelivery;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import java.util.List;
import java.util.Optional;

/** Hands each chunk of one inbox file to the bus as a {@link TakeInboxChunk}: carried out exactly once. */
record InboxDelivery(MessageBus bus, String file, String sha256) implements ChunkDelivery {
    @Override
    @SuppressWarnings("unchecked")
    public <R> Optional<R> deliver(Command<R> command, int chunk, boolean last) {
        return bus.handle(new TakeInboxChunk(file, sha256, chunk, last, List.of(command)))
                .map(results -> (R) results.get(0));
    }

    /** A chunk of several commands (a JSON Lines file); empty when it had been taken before. */
    Optional<List<Object>> deliverAll(List<Command<?>> commands, int chunk, boolean last) {
        return bus.handle(new TakeInboxChunk(file, sha256, chunk, last, commands));
    }

    @Override
    public Optional<String> expectedSha256() {
        return Optional.of(sha256);
    }
}

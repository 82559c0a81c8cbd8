package com.allocationdesk.allocation.entrypoints.imports;

import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import java.util.Optional;

/**
 * How an import hands each chunk's command to the bus: as it is (a planner's import), or wrapped
 * so that each chunk is carried out exactly once (the inbox, {@code TakeInboxChunk}).
 */
public interface ChunkDelivery {
    /**
     * Carries out one chunk.
     *
     * @param chunk its number in the file, from 0
     * @param last  whether it is the file's last
     * @return the command's result, or empty when this chunk had been carried out before
     */
    <R> Optional<R> deliver(Command<R> command, int chunk, boolean last);

    /**
     * The SHA-256 the file must have: the import refuses a copy with other bytes
     * ({@link FileChanged}). Empty: any content.
     */
    default Optional<String> expectedSha256() {
        return Optional.empty();
    }

    /** Each chunk straight to the bus. */
    static ChunkDelivery direct(MessageBus bus) {
        return new ChunkDelivery() {
            @Override
            public <R> Optional<R> deliver(Command<R> command, int chunk, boolean last) {
                return Optional.of(bus.handle(command));
            }
        };
    }

    /** The file's bytes are not those expected: it changed after it was looked at (still being written). */
    final class FileChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public FileChanged(String message) {
            super(message);
        }
    }
}

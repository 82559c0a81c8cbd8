package com.allocationdesk.allocation.domain.commands;

import com.allocationdesk.allocation.domain.messages.Message;

/**
 * An instruction, named in the imperative. Exactly one handler carries it out; its result (of
 * type {@code R}) or its failure goes back to the sender. Every command validates itself when it
 * is built, so a command that exists is well formed.
 * <p>
 * Sealed like {@link com.allocationdesk.allocation.domain.events.Event}: a new command is added to
 * this list, and {@code RegistryCompletenessTest} then fails until the handler registry
 * ({@code servicelayer.handlers.HandlerRegistry}) names its one handler.
 *
 * @param <R> what the handler returns
 */
public sealed interface Command<R> extends Message
        permits CreateBatch, CreateBatches, Allocate, AllocateLines, ChangeBatchQuantity, CancelLine,
                ChangeLineQuantity,
                ServeWaitingLines, RebuildReadModel, MarkNotificationsRead, TakeInboxChunk {
}

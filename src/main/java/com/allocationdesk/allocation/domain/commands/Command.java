package com.allocationdesk.allocation.domain.commands;

import com.allocationdesk.allocation.domain.Message;

/**
 * An instruction, named in the imperative. Exactly one handler carries it out; its result (of
 * type {@code R}) or its failure goes back to the sender. Every command validates itself when it
 * is built, so a command that exists is well formed.
 *
 * @param <R> what the handler returns
 */
public interface Command<R> extends Message {
}

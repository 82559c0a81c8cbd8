package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.DomainException;

/**
 * One command of an inbox chunk was refused by a rule: nothing of the chunk was carried out.
 * Carries which command (its index in the chunk) and the rule's own refusal, whose message is the
 * one the command line would give for the same command.
 */
public final class ChunkCommandRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int index;

    public ChunkCommandRefused(int index, DomainException refusal) {
        super(refusal.getMessage(), refusal);
        this.index = index;
    }

    /** The refused command's index in the chunk, from 0. */
    public int index() {
        return index;
    }

    /** The rule's refusal. */
    public DomainException refusal() {
        return (DomainException) getCause();
    }
}

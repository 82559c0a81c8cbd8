package com.allocationdesk.allocation.domain;

/** There is no batch with this reference. */
public class UnknownBatch extends DomainException {
    private static final long serialVersionUID = 1L;

    public UnknownBatch(String reference) {
        super("Unknown batch " + reference);
    }
}

package com.allocationdesk.allocation.domain;

/** A batch reference is used once across all products. */
public class DuplicateBatch extends DomainException {
    private static final long serialVersionUID = 1L;

    public DuplicateBatch(String reference) {
        super("Batch " + reference + " already exists: choose another reference");
    }
}

package com.allocationdesk.allocation.domain;

/** A batch reference is used once across all products. */
public class DuplicateBatch extends DomainException {
    private static final long serialVersionUID = 1L;

    public DuplicateBatch(String reference) {
        super("Batch " + reference + " already exists: choose another reference");
    }

    /** The batch exists with other details than wanted: its quantity and SKU tell the planner which one it is. */
    public DuplicateBatch(String reference, int existingQuantity, String existingSku) {
        super("Batch " + reference + " already exists with other details (" + existingQuantity + " x " + existingSku
                + "): choose another reference");
    }
}

package com.allocationdesk.allocation.domain;

/** No batch has ever been created for this SKU, so nothing can be allocated against it. */
public class InvalidSku extends DomainException {
    private static final long serialVersionUID = 1L;

    public InvalidSku(String sku) {
        super("Unknown SKU " + sku + ": add a batch of it first");
    }
}

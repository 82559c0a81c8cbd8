package com.allocationdesk.allocation.domain;

/** The order has no line for this SKU, neither allocated nor waiting. */
public class UnknownOrderLine extends DomainException {
    private static final long serialVersionUID = 1L;

    public UnknownOrderLine(String orderId, String sku) {
        super("Order " + orderId + " has no line for SKU " + sku);
    }
}

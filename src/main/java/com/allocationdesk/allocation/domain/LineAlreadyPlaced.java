package com.allocationdesk.allocation.domain;

/**
 * The order already has a line for this SKU with another quantity. An order id and a SKU name one
 * line; to change its quantity the planner deallocates it first.
 */
public class LineAlreadyPlaced extends DomainException {
    private static final long serialVersionUID = 1L;

    public LineAlreadyPlaced(OrderLine existing, String where) {
        super("Order " + existing.orderId() + " already has " + existing.quantity() + " of " + existing.sku()
                + " " + where + ": deallocate it first to change the quantity");
    }
}

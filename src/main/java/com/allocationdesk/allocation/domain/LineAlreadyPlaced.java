package com.allocationdesk.allocation.domain;

/**
 * The order already has a line for this SKU with another quantity. An order id and a SKU name one
 * line; to change its quantity the planner changes it (ChangeLineQuantity: it keeps its place in the
 * queue) instead of allocating it again.
 */
public class LineAlreadyPlaced extends DomainException {
    private static final long serialVersionUID = 1L;

    /** @param where where the line is, e.g. "allocated to batch b1" or "waiting for stock" */
    public LineAlreadyPlaced(OrderLine existing, String where) {
        super(message(existing, " " + where));
    }

    /** When where it is does not matter (an import's check, before anything is sent). */
    public LineAlreadyPlaced(OrderLine existing) {
        super(message(existing, ""));
    }

    private static String message(OrderLine existing, String where) {
        return "Order " + existing.orderId() + " already has " + existing.quantity() + " of " + existing.sku()
                + where + ": change its quantity instead (change-line, or Change quantity in the window)";
    }
}

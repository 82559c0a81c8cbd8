package com.allocationdesk.allocation.domain;

/** A command was built from input that can never be valid (blank id, zero quantity, ...). */
public class InvalidCommand extends DomainException {
    private static final long serialVersionUID = 1L;

    public InvalidCommand(String message) {
        super(message);
    }

    /** A line's new quantity of zero or less: the planner means a cancel, and is told so. */
    public static InvalidCommand notALineQuantity(String quantity) {
        return new InvalidCommand("Quantity must be positive, was " + quantity
                + ": to take a line away, cancel it");
    }
}

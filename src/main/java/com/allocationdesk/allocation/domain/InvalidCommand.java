package com.allocationdesk.allocation.domain;

/** A command was built from input that can never be valid (blank id, zero quantity, ...). */
public class InvalidCommand extends DomainException {
    private static final long serialVersionUID = 1L;

    public InvalidCommand(String message) {
        super(message);
    }
}

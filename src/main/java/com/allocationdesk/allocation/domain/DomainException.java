package com.allocationdesk.allocation.domain;

/**
 * A rule of the allocation domain said no. The message is written for a warehouse planner:
 * entry points show it as it is.
 */
public class DomainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DomainException(String message) {
        super(message);
    }
}

package com.allocationdesk.allocation.servicelayer;

/**
 * Another unit of work changed the same product between our read and our commit. Adapters
 * translate their optimistic-lock and serialization failures into this; the message bus retries
 * the handler on it, and on nothing else.
 */
public class ConcurrentModification extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConcurrentModification(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.allocationdesk.allocation.entrypoints.inbox;

/** The inbox folder cannot be read or its files cannot be moved: nothing was taken twice, the next pass tries again. */
public final class InboxUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InboxUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

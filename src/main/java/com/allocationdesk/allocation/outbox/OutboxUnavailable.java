package com.allocationdesk.allocation.outbox;

/**
 * The outbox folder cannot be created or written (no such parent, not a folder, no permission, a
 * full disk). Nothing was half-published: the temporary file was removed and the progress is as
 * it was. The message is written for the planner (CLI exit code 4).
 */
public final class OutboxUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutboxUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

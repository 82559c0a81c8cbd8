package com.allocationdesk.allocation.servicelayer;

/** One call to the bus led to more follow-up messages than any real cascade needs: a loop. */
public class CascadeLimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CascadeLimitExceeded(int limit, Object message) {
        super("Stopped after " + limit + " follow-up messages, which means a handler loop; last: " + message);
    }
}

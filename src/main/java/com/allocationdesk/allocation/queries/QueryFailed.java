package com.allocationdesk.allocation.queries;

/** The read tables could not be read (database closed, connection lost). */
public class QueryFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryFailed(String message, Throwable cause) {
        super(message, cause);
    }
}

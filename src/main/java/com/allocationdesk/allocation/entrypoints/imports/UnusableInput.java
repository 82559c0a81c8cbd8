package com.allocationdesk.allocation.entrypoints.imports;

/**
 * Input a planner gave that cannot be used, with a message written for them: a file that is
 * missing, not UTF-8 or has the wrong header, or a cell that is not a number or a date.
 */
public final class UnusableInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnusableInput(String message) {
        super(message);
    }

    public UnusableInput(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.allocationdesk.allocation.entrypoints.cli;

/** The planner's input cannot be used (bad date, unreadable file, bad CSV rows); exit code 2. */
final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean oneLinePerProblem;

    BadInput(String message) {
        this(message, false);
    }

    /** @param oneLinePerProblem the message lists several problems, one per line (bad CSV rows) */
    BadInput(String message, boolean oneLinePerProblem) {
        super(message);
        this.oneLinePerProblem = oneLinePerProblem;
    }

    boolean oneLinePerProblem() {
        return oneLinePerProblem;
    }

    BadInput(String message, Throwable cause) {
        super(message, cause);
        this.oneLinePerProblem = false;
    }
}

package com.allocationdesk.allocation.entrypoints.cli;

import java.util.List;

/** The planner's input cannot be used (bad date, unreadable file, bad CSV rows); exit code 2. */
final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One line per problem (bad CSV rows), or empty: the message is one line. */
    private final transient List<String> lines;

    BadInput(String message) {
        super(message);
        this.lines = List.of();
    }

    BadInput(String message, Throwable cause) {
        super(message, cause);
        this.lines = List.of();
    }

    /** Several problems, one line each (bad CSV rows); the message joins them. */
    BadInput(List<String> lines) {
        super(String.join(System.lineSeparator(), lines));
        this.lines = List.copyOf(lines);
    }

    /** The lines to print, one per problem; empty when the message is a single line. */
    List<String> lines() {
        return lines;
    }
}

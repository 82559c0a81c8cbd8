package com.allocationdesk.allocation.servicelayer;

/**
 * The store cannot be opened: another Allocation Desk has it open, it is not one of our databases,
 * or its folder cannot be written. The message is written for the planner; entry points show it as
 * it is (the CLI exits with code 4).
 */
public class DatabaseUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailable(String message) {
        super(message);
    }

    public DatabaseUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.allocationdesk.allocation.entrypoints.cli;

/** The command line's exit codes; scripts depend on them. */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** Anything unexpected: message plus the log file's location. */
    public static final int UNEXPECTED = 1;
    /** Bad input, or a rule said no; nothing changed. */
    public static final int BAD_INPUT = 2;
    /** Out of stock: nothing allocated, the line waits and a notification was recorded. */
    public static final int OUT_OF_STOCK = 3;
    /** The database cannot be opened (locked by another process, unreadable), or the outbox folder cannot be written. */
    public static final int DATABASE_UNAVAILABLE = 4;

    private ExitCode() {
    }
}

package com.allocationdesk.allocation.entrypoints.imports;

import com.allocationdesk.allocation.domain.DomainException;
import com.allocationdesk.allocation.servicelayer.ConcurrentModification;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import java.nio.file.Path;

/**
 * An import failed after some chunks were committed: those rows are in, the others are not. Never
 * "nothing changed". The message says how far it got and why it stopped, in the planner's words
 * (the cause's own message when it is written for planners, otherwise that something unexpected
 * happened: the cause is in the log). Importing the same file again finishes it.
 */
public final class PartlyImported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long imported;
    private final long rows;

    PartlyImported(Path file, long imported, long rows, RuntimeException cause) {
        super("Import of " + file + " stopped after " + imported + " of " + rows + " rows: " + reason(cause)
                + ". " + whatIsIn(imported), cause);
        this.imported = imported;
        this.rows = rows;
    }

    /**
     * What a planner must know of an import that stopped after {@code imported} rows were committed
     * (also said by the window when it stops for a reason the import could not catch, e.g. memory).
     */
    public static String whatIsIn(long imported) {
        return "Those " + imported + " rows are in, the others are not; import the same file again to finish it"
                + " (the rows already in are not imported twice).";
    }

    private static String reason(RuntimeException cause) {
        return plannersWords(cause) ? stripFullStop(cause.getMessage()) : "something unexpected went wrong";
    }

    private static boolean plannersWords(RuntimeException cause) {
        return (cause instanceof DomainException || cause instanceof UnusableInput || cause instanceof DatabaseUnavailable
                || cause instanceof ConcurrentModification) && cause.getMessage() != null;
    }

    private static String stripFullStop(String message) {
        String text = CsvFile.oneLine(message);
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /** Rows committed before the failure. */
    public long imported() {
        return imported;
    }

    /** Rows in the file. */
    public long rows() {
        return rows;
    }

    /** True when the database could not be used any more (the CLI exits with 4, otherwise 1). */
    public boolean databaseUnavailable() {
        return getCause() instanceof DatabaseUnavailable;
    }

    /** True when the reason is not one written for planners (the details are in the log). */
    public boolean unexpected() {
        return !(getCause() instanceof RuntimeException cause && plannersWords(cause));
    }
}

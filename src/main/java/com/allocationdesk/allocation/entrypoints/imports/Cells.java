package com.allocationdesk.allocation.entrypoints.imports;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reads the typed values of a CSV cell (or a command-line argument) as a planner writes them. */
public final class Cells {
    private Cells() {
    }

    /** A quantity: a whole number. */
    public static int quantity(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new UnusableInput("qty must be a whole number, was '" + text + "'");
        }
    }

    /** An ETA like 2027-01-31; empty (or null) means "in the warehouse". */
    public static LocalDate eta(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new UnusableInput("ETA must be a date like 2027-01-31, was '" + text.strip() + "'");
        }
    }
}

package com.allocationdesk.allocation.entrypoints.imports;

import com.allocationdesk.allocation.domain.commands.Validation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Reads the typed values of a CSV cell (or a command-line argument) as a planner writes them. */
public final class Cells {
    private static final Pattern ASCII_INTEGER = Pattern.compile("[+-]?[0-9]+");

    private Cells() {
    }

    /**
     * A quantity: a whole number written with the digits 0-9 (an optional sign; surrounding
     * whitespace is ignored). Other scripts' digits (Arabic-Indic, full-width) are refused, in a CSV
     * cell and on the command line alike: {@link Integer#parseInt} would take them silently.
     */
    public static int quantity(String text) {
        String number = text == null ? "" : text.strip();
        if (!ASCII_INTEGER.matcher(number).matches()) {
            if (number.codePoints().anyMatch(c -> Character.isDigit(c) && (c < '0' || c > '9'))) {
                throw new UnusableInput("qty must be written with the digits 0-9, was '" + text + "'");
            }
            throw new UnusableInput("qty must be a whole number, was '" + text + "'");
        }
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new UnusableInput(number.startsWith("-") ? "qty cannot be negative, was '" + text + "'"
                    : "qty is too large, was '" + text + "': at most " + Validation.MAX_QUANTITY);
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

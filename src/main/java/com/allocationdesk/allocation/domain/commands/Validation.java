package com.allocationdesk.allocation.domain.commands;

import com.allocationdesk.allocation.domain.InvalidCommand;

import java.time.LocalDate;

/** The checks every command runs on its fields, with messages a planner understands. */
public final class Validation {
    /** Longest order id, SKU or batch reference. */
    public static final int MAX_ID_LENGTH = 64;
    /** Largest quantity of one line or batch. */
    public static final int MAX_QUANTITY = 10_000_000;
    /** Earliest and latest ETA year we accept: anything else is a typo. */
    public static final int MIN_ETA_YEAR = 1900;
    public static final int MAX_ETA_YEAR = 2999;

    private Validation() {
    }

    /** Trims the id and checks it is non-blank, at most 64 characters and free of control characters. */
    public static String id(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommand(capitalise(what) + " is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_ID_LENGTH) {
            throw new InvalidCommand(capitalise(what) + " is too long: at most " + MAX_ID_LENGTH
                    + " characters, was " + trimmed.length());
        }
        if (trimmed.codePoints().anyMatch(Validation::isControlOrInvisible)) {
            throw new InvalidCommand(capitalise(what) + " contains control characters");
        }
        return trimmed;
    }

    public static int positiveQuantity(int quantity) {
        if (quantity <= 0) {
            throw new InvalidCommand("Quantity must be positive, was " + quantity);
        }
        return atMostMaximum(quantity);
    }

    /** Zero is allowed: a batch can be lost completely. */
    public static int nonNegativeQuantity(int quantity) {
        if (quantity < 0) {
            throw new InvalidCommand("Quantity cannot be negative, was " + quantity);
        }
        return atMostMaximum(quantity);
    }

    /** Null means "in the warehouse"; past dates are fine (a late shipment), absurd years are not. */
    public static LocalDate eta(LocalDate eta) {
        if (eta != null && (eta.getYear() < MIN_ETA_YEAR || eta.getYear() > MAX_ETA_YEAR)) {
            throw new InvalidCommand("ETA " + eta + " is not a plausible date (year " + MIN_ETA_YEAR
                    + " to " + MAX_ETA_YEAR + ")");
        }
        return eta;
    }

    private static int atMostMaximum(int quantity) {
        if (quantity > MAX_QUANTITY) {
            throw new InvalidCommand("Quantity " + quantity + " is too large: at most " + MAX_QUANTITY);
        }
        return quantity;
    }

    private static boolean isControlOrInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                || type == Character.SURROGATE || type == Character.PRIVATE_USE;
    }

    private static String capitalise(String what) {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
}

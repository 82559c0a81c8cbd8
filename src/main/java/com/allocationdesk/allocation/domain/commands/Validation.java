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
    /** What a decoder puts in place of bytes that are not text in its encoding. */
    public static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private Validation() {
    }

    /**
     * Strips the id of whitespace and of what looks like it ({@link #isSpaceLike}: no-break and
     * ideographic spaces too, not only {@link Character#isWhitespace}), and checks it is not blank
     * (nothing left but spaces and invisible characters), at most 64 characters, free of control
     * and invisible characters and of U+FFFD (the mark of text that was not readable in its
     * encoding). One rule for the command line, the CSV imports and the window.
     */
    public static String id(String value, String what) {
        if (value == null || value.codePoints().allMatch(c -> isSpaceLike(c) || isControlOrInvisible(c))) {
            throw new InvalidCommand(capitalise(what) + " is required");
        }
        String trimmed = stripSpaceLike(value);
        if (trimmed.length() > MAX_ID_LENGTH) {
            throw new InvalidCommand(capitalise(what) + " is too long: at most " + MAX_ID_LENGTH
                    + " characters, was " + trimmed.length());
        }
        if (trimmed.codePoints().anyMatch(Validation::isControlOrInvisible)) {
            throw new InvalidCommand(capitalise(what) + " contains control characters");
        }
        if (trimmed.indexOf(REPLACEMENT_CHARACTER) >= 0) {
            throw new InvalidCommand(capitalise(what) + " contains U+FFFD, the mark of text that could not be read:"
                    + " it was damaged before it got here (a terminal or file that is not UTF-8)");
        }
        return trimmed;
    }

    /**
     * Whitespace and the characters that look like it: every Unicode space separator (U+00A0,
     * U+2007, U+202F, U+3000, ...), line and paragraph separators, and the blank-looking Hangul
     * fillers (U+115F, U+1160, U+3164, U+FFA0) and Braille pattern (U+2800).
     */
    public static boolean isSpaceLike(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0
                || codePoint == 0x2800;
    }

    /**
     * Control characters (C0, DEL, C1), format characters (zero-width, bidi overrides), line and
     * paragraph separators, lone surrogates, private-use and unassigned code points: characters
     * that are invisible or change how the text around them shows. Refused in ids; the command
     * line shows them escaped.
     */
    public static boolean isControlOrInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                || type == Character.SURROGATE || type == Character.PRIVATE_USE;
    }

    private static String stripSpaceLike(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpaceLike(value.codePointAt(start))) {
            start += Character.charCount(value.codePointAt(start));
        }
        while (end > start && isSpaceLike(value.codePointBefore(end))) {
            end -= Character.charCount(value.codePointBefore(end));
        }
        return value.substring(start, end);
    }

    public static int positiveQuantity(int quantity) {
        return positiveQuantity(quantity, String.valueOf(quantity));
    }

    /** Zero is allowed: a batch can be lost completely. */
    public static int nonNegativeQuantity(int quantity) {
        return nonNegativeQuantity(quantity, String.valueOf(quantity));
    }

    /** @param shown the quantity as the planner wrote it (it may not fit an int), for the message */
    static int positiveQuantity(long quantity, String shown) {
        if (quantity <= 0) {
            throw new InvalidCommand("Quantity must be positive, was " + shown);
        }
        return atMostMaximum(quantity, shown);
    }

    /**
     * A line's new quantity ({@code ChangeLineQuantity}): positive, and zero or less is told to be a
     * cancel.
     *
     * @param shown the quantity as the planner wrote it (it may not fit an int), for the message
     */
    static int lineQuantity(long quantity, String shown) {
        if (quantity <= 0) {
            throw InvalidCommand.notALineQuantity(shown);
        }
        return atMostMaximum(quantity, shown);
    }

    /** @param shown the quantity as the planner wrote it (it may not fit an int), for the message */
    static int nonNegativeQuantity(long quantity, String shown) {
        if (quantity < 0) {
            throw new InvalidCommand("Quantity cannot be negative, was " + shown);
        }
        return atMostMaximum(quantity, shown);
    }

    /** Null means "in the warehouse"; past dates are fine (a late shipment), absurd years are not. */
    public static LocalDate eta(LocalDate eta) {
        if (eta != null && (eta.getYear() < MIN_ETA_YEAR || eta.getYear() > MAX_ETA_YEAR)) {
            throw new InvalidCommand("ETA " + eta + " is not a plausible date (year " + MIN_ETA_YEAR
                    + " to " + MAX_ETA_YEAR + ")");
        }
        return eta;
    }

    private static int atMostMaximum(long quantity, String shown) {
        if (quantity > MAX_QUANTITY) {
            throw new InvalidCommand("Quantity " + shown + " is too large: at most " + MAX_QUANTITY);
        }
        return (int) quantity;
    }

    private static String capitalise(String what) {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
}

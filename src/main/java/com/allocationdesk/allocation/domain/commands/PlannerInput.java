package com.allocationdesk.allocation.domain.commands;

import com.allocationdesk.allocation.domain.InvalidCommand;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a planner may type for a quantity, a date or an id, read the same way on the command line,
 * in a CSV cell and in a field of the window (docs/CLI.md, "What you may type"):
 * <ul>
 *   <li><b>Quantity</b>: a whole number written with the digits 0-9, an optional sign, surrounding
 *       spaces ignored. No thousands separators ({@code 1,000} is two cells in a CSV file and a
 *       decimal comma in half of Europe's spreadsheets; {@code 1_000} is Java, not a planner's),
 *       no exponent ({@code 1e3}), no hexadecimal ({@code 0x10}), no other script's digits
 *       (Arabic-Indic, full-width: {@link Integer#parseInt} would take them silently). Then the
 *       commands' own limits ({@link Validation}).</li>
 *   <li><b>ETA</b>: {@code YYYY-MM-DD} with the digits 0-9 ({@code 2027-01-15}; not
 *       {@code 2027-1-5}, not {@code 15/01/2027}, which could be either day-month or month-day); a
 *       real day (not {@code 2020-02-30}) of a plausible year. Blank means "in the warehouse".</li>
 *   <li><b>Id</b>: {@link Validation#id}.</li>
 * </ul>
 * Every refusal is an {@link InvalidCommand} whose message the entry points show as it is.
 */
public final class PlannerInput {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("([+-]?)0*([0-9]+)");
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    /** More digits than this cannot be a long; all such numbers are too large anyway. */
    private static final int MAX_LONG_DIGITS = 18;

    private PlannerInput() {
    }

    /** A quantity of at least one (a line, a new batch). */
    public static int positiveQuantity(String text) {
        Whole whole = whole(text);
        return Validation.positiveQuantity(whole.value(), whole.shown());
    }

    /** A line's new quantity: positive; zero or less is told to be a cancel ({@code ChangeLineQuantity}). */
    public static int lineQuantity(String text) {
        Whole whole = whole(text);
        return Validation.lineQuantity(whole.value(), whole.shown());
    }

    /** A quantity of zero or more (a batch's new quantity: it can be lost completely). */
    public static int nonNegativeQuantity(String text) {
        Whole whole = whole(text);
        return Validation.nonNegativeQuantity(whole.value(), whole.shown());
    }

    /** An ETA, or null (in the warehouse) when the text is null or blank. */
    public static LocalDate eta(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String date = text.strip();
        if (ISO_DATE.matcher(date).matches()) {
            try {
                return Validation.eta(LocalDate.parse(date, DateTimeFormatter.ISO_LOCAL_DATE));
            } catch (DateTimeParseException e) {
                // not a real day: the refusal below
            }
        }
        throw new InvalidCommand("ETA must be a date like 2027-01-31, was '" + date + "'");
    }

    /** An order id, SKU or batch reference ({@code what} names it in the message). */
    public static String id(String text, String what) {
        return Validation.id(text, what);
    }

    private record Whole(long value, String shown) {
    }

    private static Whole whole(String text) {
        String number = text == null ? "" : text.strip();
        if (number.isEmpty()) {
            throw new InvalidCommand("Quantity is required");
        }
        Matcher matcher = WHOLE_NUMBER.matcher(number);
        if (!matcher.matches()) {
            if (number.codePoints().anyMatch(c -> Character.isDigit(c) && (c < '0' || c > '9'))) {
                throw new InvalidCommand("Quantity must be written with the digits 0-9, was '" + text + "'");
            }
            throw new InvalidCommand("Quantity must be a whole number, was '" + text + "'");
        }
        boolean negative = matcher.group(1).equals("-");
        String digits = matcher.group(2);
        long magnitude = digits.length() > MAX_LONG_DIGITS ? Long.MAX_VALUE : Long.parseLong(digits);
        return new Whole(negative ? -magnitude : magnitude, number);
    }
}

package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.domain.InvalidCommand;
import com.allocationdesk.allocation.domain.commands.Validation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Field parsers for the forms. The limits are the commands' own ({@link Validation}); this class
 * only turns text into values and says "not a number" or "not a date" in planner words.
 */
public final class Inputs {
    private Inputs() {
    }

    /** An order id, SKU or batch reference. */
    public static Field.Parser<String> id(String what) {
        return text -> Validation.id(text, what);
    }

    /** A SKU that must already have a batch (allocating an unknown SKU is refused). */
    public static Field.Parser<String> knownSku(Supplier<Set<String>> knownSkus) {
        return text -> {
            String sku = Validation.id(text, "SKU");
            Set<String> known = knownSkus.get();
            if (known != null && !known.isEmpty() && !known.contains(sku)) {
                throw new InvalidCommand("Unknown SKU " + sku + ": add a batch of it first");
            }
            return sku;
        };
    }

    /** A quantity of at least one. */
    public static Field.Parser<Integer> positiveQuantity() {
        return text -> Validation.positiveQuantity(number(text));
    }

    /** A quantity of zero or more (a batch can be lost completely). */
    public static Field.Parser<Integer> nonNegativeQuantity() {
        return text -> Validation.nonNegativeQuantity(number(text));
    }

    /** An optional date: blank means "in the warehouse". Past dates are fine. */
    public static Field.Parser<LocalDate> optionalDate() {
        return text -> {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return Validation.eta(LocalDate.parse(text.strip()));
            } catch (DateTimeParseException e) {
                throw new InvalidCommand("Not a valid date: use YYYY-MM-DD, e.g. " + LocalDate.now().plusDays(14));
            }
        };
    }

    private static int number(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidCommand("Quantity is required");
        }
        String digits = text.strip().replace("_", "").replace(",", "");
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            if (digits.matches("-?\\d+")) {
                throw new InvalidCommand("Quantity is too large: at most " + Validation.MAX_QUANTITY);
            }
            throw new InvalidCommand("Not a number: " + text.strip());
        }
    }
}

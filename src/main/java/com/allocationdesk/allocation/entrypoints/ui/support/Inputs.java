package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.domain.InvalidSku;
import com.allocationdesk.allocation.domain.commands.PlannerInput;

import java.time.LocalDate;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Field parsers for the forms: the command line's and the CSV imports' own ({@link PlannerInput}),
 * so a field accepts exactly what {@code allocate} and a CSV cell accept, with the same messages.
 */
public final class Inputs {
    private Inputs() {
    }

    /** An order id, SKU or batch reference. */
    public static Field.Parser<String> id(String what) {
        return text -> PlannerInput.id(text, what);
    }

    /** A SKU that must already have a batch (allocating an unknown SKU is refused). */
    public static Field.Parser<String> knownSku(Supplier<Set<String>> knownSkus) {
        return text -> {
            String sku = PlannerInput.id(text, "SKU");
            Set<String> known = knownSkus.get();
            if (known != null && !known.isEmpty() && !known.contains(sku)) {
                throw new InvalidSku(sku);
            }
            return sku;
        };
    }

    /** A quantity of at least one. */
    public static Field.Parser<Integer> positiveQuantity() {
        return PlannerInput::positiveQuantity;
    }

    /** A quantity of zero or more (a batch can be lost completely). */
    public static Field.Parser<Integer> nonNegativeQuantity() {
        return PlannerInput::nonNegativeQuantity;
    }

    /** An optional date: blank means "in the warehouse". Past dates are fine. */
    public static Field.Parser<LocalDate> optionalDate() {
        return PlannerInput::eta;
    }
}

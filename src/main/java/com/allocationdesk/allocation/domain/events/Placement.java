package com.allocationdesk.allocation.domain.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Why a line went to the batch it went to. The rule is always the same (warehouse stock first,
 * then the earliest ETA, ties broken by batch reference; the first batch in that order with enough
 * available wins); this says how it played out at that moment:
 *
 * @param rule           {@link Rule#WAREHOUSE_FIRST} when the chosen batch is warehouse stock,
 *                       {@link Rule#EARLIEST_ETA} when no warehouse batch had enough
 * @param passedOver     the batches before the chosen one in that order, none of which had enough,
 *                       with what each had available (the first {@link #MAX_PASSED_OVER})
 * @param passedOverMore how many more were passed over than are listed
 * @param tiedWith       batches with the same ETA (or also in the warehouse) after the chosen one
 *                       that had enough too: the reference decided (the first {@link #MAX_PASSED_OVER})
 */
public record Placement(Rule rule, List<PassedOver> passedOver, int passedOverMore, List<String> tiedWith) {
    /** At most this many passed-over batches are named (the rest are counted), and as many tied ones. */
    public static final int MAX_PASSED_OVER = 20;

    /** Which half of the rule chose the batch. */
    public enum Rule {
        WAREHOUSE_FIRST,
        EARLIEST_ETA
    }

    /** A batch that came first in the order but had less available than the line needed. */
    public record PassedOver(String batchReference, LocalDate eta, int available) {
        public PassedOver {
            Objects.requireNonNull(batchReference, "batchReference");
        }
    }

    public Placement {
        Objects.requireNonNull(rule, "rule");
        passedOver = List.copyOf(passedOver);
        tiedWith = List.copyOf(tiedWith);
        if (passedOverMore < 0) {
            throw new IllegalArgumentException("passedOverMore cannot be negative, was " + passedOverMore);
        }
    }
}

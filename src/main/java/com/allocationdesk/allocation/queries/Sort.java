package com.allocationdesk.allocation.queries;

import java.util.Locale;
import java.util.Objects;

/**
 * How a listing is ordered: one of its query's sortable columns (an enum, so no SQL text ever comes
 * from the window) and a direction. The query breaks ties by the table's primary key, in the same
 * direction, so the order is total.
 */
public record Sort<C extends Enum<C>>(C column, Direction direction) {
    public enum Direction { ASCENDING, DESCENDING }

    public Sort {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(direction, "direction");
    }

    public static <C extends Enum<C>> Sort<C> ascending(C column) {
        return new Sort<>(column, Direction.ASCENDING);
    }

    public static <C extends Enum<C>> Sort<C> descending(C column) {
        return new Sort<>(column, Direction.DESCENDING);
    }

    public boolean descending() {
        return direction == Direction.DESCENDING;
    }

    /** "QUANTITY DESCENDING": how a setting stores it ({@link #parse}). */
    public String text() {
        return column.name() + " " + direction.name();
    }

    /** The sort {@link #text()} wrote; {@code otherwise} when the text is missing or names no column of {@code type}. */
    public static <C extends Enum<C>> Sort<C> parse(Class<C> type, String text, Sort<C> otherwise) {
        if (text == null) {
            return otherwise;
        }
        String[] parts = text.strip().toUpperCase(Locale.ROOT).split("\\s+");
        try {
            return new Sort<>(Enum.valueOf(type, parts[0]),
                    parts.length > 1 ? Direction.valueOf(parts[1]) : Direction.ASCENDING);
        } catch (IllegalArgumentException e) {
            return otherwise;
        }
    }
}

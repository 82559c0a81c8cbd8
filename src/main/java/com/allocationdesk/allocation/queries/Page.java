package com.allocationdesk.allocation.queries;

import java.util.Arrays;
import java.util.List;

/**
 * Some rows of a keyset listing, in the listing's order, with the keys of the first and the last
 * row (null when there is none) to seek the pages beside it from.
 */
public record Page<R>(List<R> rows, Key first, Key last) {
    public Page {
        rows = List.copyOf(rows);
    }

    static <R> Page<R> empty() {
        return new Page<>(List.of(), null, null);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * A row's values of the sort's columns and then its primary key, as the database returned them
     * (the case-folded copies included), for the sort it was read in. Opaque outside the queries.
     */
    public static final class Key {
        private final Enum<?> column;
        private final Object[] values;

        Key(Enum<?> column, Object[] values) {
            this.column = column;
            this.values = values.clone();
        }

        Enum<?> column() {
            return column;
        }

        Object value(int i) {
            return values[i];
        }

        int size() {
            return values.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.column == column && Arrays.equals(key.values, values);
        }

        @Override
        public int hashCode() {
            return 31 * column.hashCode() + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return column + Arrays.toString(values);
        }
    }
}

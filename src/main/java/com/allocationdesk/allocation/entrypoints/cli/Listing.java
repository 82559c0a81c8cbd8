package com.allocationdesk.allocation.entrypoints.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How a read subcommand prints its rows: an aligned {@link Table}, or with {@code --json} a JSON
 * array ({@link Json}). One list of columns serves both, so the table and the JSON cannot list
 * different things. Immutable: each {@link #column} returns a new listing.
 *
 * @param <R> the row type of the query
 */
final class Listing<R> {
    /**
     * One column.
     *
     * @param header the table header; ending in {@code >}, the column is right-aligned ({@link Table#of});
     *               null: a JSON field only ({@link #field})
     * @param field  the key of the value in each JSON object
     * @param json   the JSON value (a string, number, boolean or null)
     * @param cell   the table cell (printed with {@link String#valueOf}; null prints nothing)
     */
    private record Column<R>(String header, String field, Function<R, ?> json, Function<R, ?> cell) {
    }

    private final List<Column<R>> columns;

    private Listing(List<Column<R>> columns) {
        this.columns = List.copyOf(columns);
    }

    /** A listing without columns yet. */
    static <R> Listing<R> of() {
        return new Listing<>(List.of());
    }

    /** This listing and a column whose JSON value and table cell are the same. */
    Listing<R> column(String header, String field, Function<R, ?> value) {
        return column(header, field, value, value);
    }

    /** This listing and a column that shows its value in the table otherwise than in the JSON. */
    Listing<R> column(String header, String field, Function<R, ?> json, Function<R, ?> cell) {
        List<Column<R>> more = new ArrayList<>(columns);
        more.add(new Column<>(header, field, json, cell));
        return new Listing<>(more);
    }

    /** This listing and a value in the JSON only (what a table column already tells in other words). */
    Listing<R> field(String field, Function<R, ?> json) {
        return column(null, field, json, json);
    }

    /** Prints the rows: the JSON array (keys in column order) with {@code json}, else the table. */
    void print(PrintWriter out, List<R> rows, boolean json) {
        if (json) {
            Json.print(out, rows.stream().map(this::object).toList());
            return;
        }
        List<Column<R>> shown = columns.stream().filter(c -> c.header() != null).toList();
        Table table = Table.of(shown.stream().map(Column::header).toArray(String[]::new));
        rows.forEach(row -> table.row(shown.stream().map(c -> c.cell().apply(row)).toArray()));
        table.print(out);
    }

    private Map<String, Object> object(R row) {
        Map<String, Object> object = new LinkedHashMap<>();
        columns.forEach(c -> object.put(c.field(), c.json().apply(row)));
        return object;
    }
}

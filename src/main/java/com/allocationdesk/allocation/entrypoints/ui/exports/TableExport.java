package com.allocationdesk.allocation.entrypoints.ui.exports;

import com.allocationdesk.allocation.entrypoints.exports.CsvExport;
import com.allocationdesk.allocation.entrypoints.exports.ExportColumns;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What File ▸ Export writes for one table: the rows it shows now (its filter, fixed when the planner
 * asks; and its sort, once the queries stream in the table's sort), under the columns of
 * {@link ExportColumns}. Made by the table's view model ({@code export()}); {@code rows} and
 * {@code count} run off the FX thread, streaming from the database.
 *
 * @param one       what one row is, for the messages ("allocation")
 * @param many      what several are ("allocations")
 * @param fileName  the name the file chooser suggests ("allocations.csv")
 * @param columns   the CSV header and values
 * @param rows      streams the rows, in the table's order
 * @param count     how many rows there are (for the progress bar), or -1 when it is not known beforehand
 * @param <R> the row type of the query
 */
public record TableExport<R>(String one, String many, String fileName, ExportColumns<R> columns, CsvExport.Rows<R> rows,
                             LongSupplier count) {
    /** Rows to export, no count known beforehand (a short list: the progress bar runs without an end). */
    public static final long UNKNOWN = -1;

    public TableExport {
        Objects.requireNonNull(one, "one");
        Objects.requireNonNull(many, "many");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(count, "count");
    }

    /** "1 allocation", "20 allocations". */
    String counted(long n, String formatted) {
        return formatted + " " + (n == 1 ? one : many);
    }
}

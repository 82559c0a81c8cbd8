package com.allocationdesk.allocation.entrypoints.exports;

import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.queries.BatchRow;
import com.allocationdesk.allocation.queries.WaitingRow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of an exported CSV file: its header names and each row's values, one list per kind of
 * row, for the command line's {@code export-allocations} and the window's File ▸ Export alike. The
 * names are the command line's JSON fields (docs/CLI.md); values are written as the command line and
 * the imports read them: whole numbers in digits, dates {@code YYYY-MM-DD} (empty: in the warehouse),
 * instants ISO-8601 in UTC. Immutable.
 *
 * @param <R> the row type of the query
 */
public final class ExportColumns<R> {
    /** {@code orderid,sku,qty,batchref}: the header of {@code export-allocations} since it exists. */
    public static final ExportColumns<AllocationRow> ALLOCATIONS = ExportColumns.<AllocationRow>of()
            .column("orderid", AllocationRow::orderId)
            .column("sku", AllocationRow::sku)
            .column("qty", AllocationRow::quantity)
            .column("batchref", AllocationRow::batchReference);

    /** {@code ref,sku,eta,purchased,allocated,available} (the fields of {@code batches --json}). */
    public static final ExportColumns<BatchRow> BATCHES = ExportColumns.<BatchRow>of()
            .column("ref", BatchRow::reference)
            .column("sku", BatchRow::sku)
            .column("eta", b -> b.eta() == null ? "" : b.eta().toString())
            .column("purchased", BatchRow::purchased)
            .column("allocated", BatchRow::allocated)
            .column("available", BatchRow::available);

    /** {@code orderid,sku,qty,since} (the fields of {@code waiting --json}). */
    public static final ExportColumns<WaitingRow> WAITING = ExportColumns.<WaitingRow>of()
            .column("orderid", WaitingRow::orderId)
            .column("sku", WaitingRow::sku)
            .column("qty", WaitingRow::quantity)
            .column("since", w -> w.since() == null ? "" : w.since().toString());

    private final List<String> headers;
    private final List<Function<? super R, ?>> values;

    private ExportColumns(List<String> headers, List<Function<? super R, ?>> values) {
        this.headers = List.copyOf(headers);
        this.values = List.copyOf(values);
    }

    /** No columns yet. */
    public static <R> ExportColumns<R> of() {
        return new ExportColumns<>(List.of(), List.of());
    }

    /** These columns and one more, named {@code header}, whose value is {@code value} of the row. */
    public ExportColumns<R> column(String header, Function<? super R, ?> value) {
        List<String> moreHeaders = new ArrayList<>(headers);
        moreHeaders.add(header);
        List<Function<? super R, ?>> moreValues = new ArrayList<>(values);
        moreValues.add(value);
        return new ExportColumns<>(moreHeaders, moreValues);
    }

    /** The header line's names, in order. */
    public List<String> headers() {
        return headers;
    }

    /** The row's values, in the order of {@link #headers()}. */
    public List<Object> values(R row) {
        List<Object> cells = new ArrayList<>(values.size());
        values.forEach(value -> cells.add(value.apply(row)));
        return cells;
    }
}

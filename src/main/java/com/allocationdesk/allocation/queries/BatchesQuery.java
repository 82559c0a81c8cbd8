package com.allocationdesk.allocation.queries;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads {@code read_batches}: {@link #list} gives warehouse stock first, then by ETA, then by
 * reference (the allocation preference); the table's listing sorts by any {@link Column} over every
 * matching batch and pages by key ({@link Keyset}).
 */
public final class BatchesQuery implements SortedListing<BatchRow, BatchesQuery.Column, BatchesQuery.Filter> {
    /** The columns the table sorts by; each is served by an index on it and the reference (V9). */
    public enum Column { REFERENCE, SKU, ETA, PURCHASED, ALLOCATED, AVAILABLE }

    /** Warehouse first, then by ETA, then by reference: the order the allocation prefers. */
    public static final Sort<Column> DEFAULT_SORT = Sort.ascending(Column.ETA);

    /** The SKU filter, null or blank for none: its start in any case, or with {@code *} for any characters. */
    public record Filter(String sku) {
        public static final Filter NONE = new Filter(null);

        public boolean isEmpty() {
            return Sql.isBlank(sku);
        }

        Sql.Condition where() {
            return Sql.where(Sql.matching("sku_key", sku));
        }
    }

    /** What the table holds: how many batches match, and how many units they have available. */
    public record Totals(int batches, long available) {
    }

    private static final String COLUMNS = "SELECT reference, sku, eta, purchased, allocated, available FROM read_batches";
    private static final String ORDER = " ORDER BY eta NULLS FIRST, reference";
    private static final String ALL = COLUMNS + ORDER;
    private static final String BY_SKU = COLUMNS + " WHERE " + Sql.startsWith("sku_key") + ORDER;
    private static final String BY_REFERENCE = COLUMNS + " WHERE reference = ?";

    private final DataSource dataSource;
    private final Keyset<BatchRow, Column> listing;

    public BatchesQuery(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.listing = new Keyset<>(dataSource, "read_batches",
                List.of("reference", "sku", "eta", "purchased", "allocated", "available"), BatchesQuery::row, Map.of(
                        Column.REFERENCE, List.of("reference"),
                        Column.SKU, List.of("sku_key", "reference"),
                        Column.ETA, List.of("eta_key", "reference"),
                        Column.PURCHASED, List.of("purchased", "reference"),
                        Column.ALLOCATED, List.of("allocated", "reference"),
                        Column.AVAILABLE, List.of("available", "reference")));
    }

    /** At most {@code limit} matching batches in the sort, where {@code seek} says. */
    @Override
    public Page<BatchRow> page(Filter filter, Sort<Column> sort, Seek seek, int limit) {
        return listing.page(filter.where(), sort, seek, limit);
    }

    /** How many batches match, and their available units (for the summary and the pager). */
    public Totals totals(Filter filter) {
        long[] totals = listing.countAndSum(filter.where(), "available");
        return new Totals((int) totals[0], totals[1]);
    }

    /** How many matching batches come before the batch with {@code key} in the sort. */
    @Override
    public int countBefore(Filter filter, Sort<Column> sort, Page.Key key) {
        return listing.countBefore(filter.where(), sort, key);
    }

    /** Every matching batch in the sort, streamed row by row: what the table shows, all pages. */
    @Override
    public void forEach(Filter filter, Sort<Column> sort, Consumer<BatchRow> consumer) {
        listing.forEach(filter.where(), sort, consumer);
    }

    /** Batches whose SKU starts with {@code skuPrefix} (any case); every batch when it is null or blank. */
    public List<BatchRow> list(String skuPrefix) {
        return Sql.isBlank(skuPrefix)
                ? Sql.list(dataSource, ALL, BatchesQuery::row)
                : Sql.list(dataSource, BY_SKU, BatchesQuery::row, Sql.prefixBounds(skuPrefix).toArray());
    }

    /** The batch with exactly this reference (primary key lookup). */
    public Optional<BatchRow> byReference(String reference) {
        return Sql.list(dataSource, BY_REFERENCE, BatchesQuery::row, reference).stream().findFirst();
    }

    private static BatchRow row(ResultSet rs) throws SQLException {
        Date eta = rs.getDate(3);
        return new BatchRow(rs.getString(1), rs.getString(2), eta == null ? null : eta.toLocalDate(),
                rs.getInt(4), rs.getInt(5), rs.getInt(6));
    }
}

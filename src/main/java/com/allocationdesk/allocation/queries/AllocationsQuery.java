package com.allocationdesk.allocation.queries;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads {@code read_allocations}. {@link #forOrder} is an exact lookup on the primary key's leading
 * column; the listing sorts by any {@link Column} over every matching row and pages by key
 * ({@link Keyset}), so the last page costs what the first costs. Filters follow {@link Filter}.
 */
public final class AllocationsQuery implements SortedListing<AllocationRow, AllocationsQuery.Column, LineFilter> {
    private static final String COLUMNS = "SELECT order_id, sku, quantity, batch_reference FROM read_allocations";
    private static final String FOR_ORDER = COLUMNS + " WHERE order_id = ? ORDER BY sku";
    private static final String ORDER = " ORDER BY order_id, sku";

    /** The columns the table sorts by; each is served by an index on it and the primary key (V9). */
    public enum Column { ORDER, SKU, QUANTITY, BATCH }

    /** Order id then SKU, as the table shows them first. */
    public static final Sort<Column> DEFAULT_SORT = Sort.ascending(Column.ORDER);

    private final DataSource dataSource;
    private final Keyset<AllocationRow, Column> listing;

    public AllocationsQuery(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.listing = new Keyset<>(dataSource, "read_allocations", List.of("order_id", "sku", "quantity", "batch_reference"),
                AllocationsQuery::row, Map.of(
                        Column.ORDER, List.of("order_key", "order_id", "sku"),
                        Column.SKU, List.of("sku_key", "order_id", "sku"),
                        Column.QUANTITY, List.of("quantity", "order_id", "sku"),
                        Column.BATCH, List.of("batch_reference", "order_id", "sku")));
    }

    /** The order's allocated lines, by SKU; empty when the order has none (or does not exist). */
    public List<AllocationRow> forOrder(String orderId) {
        return Sql.list(dataSource, FOR_ORDER, AllocationsQuery::row, orderId == null ? "" : orderId.strip());
    }

    /** At most {@code limit} matching rows in the sort, where {@code seek} says. */
    @Override
    public Page<AllocationRow> page(LineFilter filter, Sort<Column> sort, Seek seek, int limit) {
        return listing.page(filter.where(), sort, seek, limit);
    }

    /** How many allocations match (for the pager). */
    public int count(LineFilter filter) {
        return listing.count(filter.where());
    }

    /** How many allocations match with the order id and SKU prefixes (or patterns). */
    public int count(String order, String sku) {
        return count(new LineFilter(order, sku));
    }

    /** How many matching rows come before the row with {@code key} in the sort. */
    @Override
    public int countBefore(LineFilter filter, Sort<Column> sort, Page.Key key) {
        return listing.countBefore(filter.where(), sort, key);
    }

    /** Every matching allocation in the sort, streamed row by row: what the table shows, all pages. */
    @Override
    public void forEach(LineFilter filter, Sort<Column> sort, Consumer<AllocationRow> consumer) {
        listing.forEach(filter.where(), sort, consumer);
    }

    /** Every allocation, by order id then SKU, streamed row by row (for exports of any size). */
    public void forEach(Consumer<AllocationRow> consumer) {
        forEach(LineFilter.NONE, DEFAULT_SORT, consumer);
    }

    private static AllocationRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AllocationRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4));
    }
}

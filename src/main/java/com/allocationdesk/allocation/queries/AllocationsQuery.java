package com.allocationdesk.allocation.queries;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads {@code read_allocations}. {@link #forOrder} is an exact lookup on the primary key's leading
 * column; the paged listing walks the key in order. Filters are case-insensitive prefixes; null or
 * blank means no filter.
 */
public final class AllocationsQuery {
    private static final String COLUMNS = "SELECT order_id, sku, quantity, batch_reference FROM read_allocations";
    private static final String FOR_ORDER = COLUMNS + " WHERE order_id = ? ORDER BY sku";
    private static final String ORDER = " ORDER BY order_id, sku";

    private final DataSource dataSource;

    public AllocationsQuery(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The order's allocated lines, by SKU; empty when the order has none (or does not exist). */
    public List<AllocationRow> forOrder(String orderId) {
        return Sql.list(dataSource, FOR_ORDER, AllocationsQuery::row, orderId == null ? "" : orderId.strip());
    }

    /** One page of all allocations, by order id then SKU. */
    public List<AllocationRow> page(String orderIdPrefix, String skuPrefix, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        Filter filter = Filter.of(orderIdPrefix, skuPrefix);
        List<Object> parameters = new ArrayList<>(filter.parameters());
        parameters.add(limit);
        parameters.add(offset);
        return Sql.list(dataSource, COLUMNS + filter.where() + ORDER + " LIMIT ? OFFSET ?",
                AllocationsQuery::row, parameters.toArray());
    }

    /** How many allocations match the filters (for the pager). */
    public int count(String orderIdPrefix, String skuPrefix) {
        Filter filter = Filter.of(orderIdPrefix, skuPrefix);
        return Sql.integer(dataSource, "SELECT COUNT(*) FROM read_allocations" + filter.where(),
                filter.parameters().toArray());
    }

    /** Every allocation, by order id then SKU, streamed row by row (for exports of any size). */
    public void forEach(Consumer<? super AllocationRow> consumer) {
        forEach(null, null, consumer);
    }

    /**
     * The allocations that match the filters (as {@link #page} and {@link #count} take them), by
     * order id then SKU, streamed row by row: the window's export of what its table shows.
     */
    public void forEach(String orderIdPrefix, String skuPrefix, Consumer<? super AllocationRow> consumer) {
        Filter filter = Filter.of(orderIdPrefix, skuPrefix);
        Sql.each(dataSource, COLUMNS + filter.where() + ORDER, 1_000, rs -> consumer.accept(row(rs)),
                filter.parameters().toArray());
    }

    private static AllocationRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AllocationRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4));
    }

    private record Filter(String where, List<Object> parameters) {
        static Filter of(String orderIdPrefix, String skuPrefix) {
            List<String> conditions = new ArrayList<>();
            List<Object> parameters = new ArrayList<>();
            if (!Sql.isBlank(orderIdPrefix)) {
                conditions.add(Sql.startsWith("order_key"));
                parameters.addAll(Sql.prefixBounds(orderIdPrefix));
            }
            if (!Sql.isBlank(skuPrefix)) {
                conditions.add(Sql.startsWith("sku_key"));
                parameters.addAll(Sql.prefixBounds(skuPrefix));
            }
            return new Filter(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), parameters);
        }
    }
}

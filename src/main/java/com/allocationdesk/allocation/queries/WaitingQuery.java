package com.allocationdesk.allocation.queries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads {@code read_waiting}: order lines waiting for stock, oldest first ({@link #list}); the
 * Orders view's list sorts by any {@link Column} over every matching line and pages by key
 * ({@link Keyset}).
 */
public final class WaitingQuery implements SortedListing<WaitingRow, WaitingQuery.Column, LineFilter> {
    /** The columns the list sorts by; each is served by an index on it and the primary key (V9). */
    public enum Column { ORDER, SKU, QUANTITY, SINCE }

    /** Oldest first: the queue's order. */
    public static final Sort<Column> DEFAULT_SORT = Sort.ascending(Column.SINCE);

    /** What the list holds: how many lines match, and how many units they ask for. */
    public record Totals(int lines, long units) {
    }

    private static final String COLUMNS = "SELECT order_id, sku, quantity, since FROM read_waiting";
    private static final String ORDER = " ORDER BY since, order_id, sku";
    private static final String ALL = COLUMNS + ORDER;
    private static final String BY_SKU = COLUMNS + " WHERE " + Sql.startsWith("sku_key") + ORDER;
    private static final String FOR_ORDER = COLUMNS + " WHERE order_id = ? ORDER BY sku";
    /*
     * The SKUs where a line waits beside a batch with enough available for it, found from whichever
     * table is smaller (counting rows is free): from the waiting lines, each probing its SKU's batches
     * through read_batches's sku_key index; or from the batches with free stock (per SKU its largest
     * available quantity), each probing its SKU's waiting lines through read_waiting's sku_key index.
     */
    private static final String COUNT_WAITING = "SELECT COUNT(*) FROM read_waiting";
    private static final String COUNT_BATCHES = "SELECT COUNT(*) FROM read_batches";
    private static final String STRANDED_FROM_WAITING = "SELECT DISTINCT w.sku FROM read_waiting w"
            + " WHERE EXISTS (SELECT 1 FROM read_batches b"
            + "  WHERE b.sku_key = w.sku_key AND b.sku = w.sku AND b.available >= w.quantity)"
            + " ORDER BY 1";
    private static final String STRANDED_FROM_BATCHES = "SELECT b.sku FROM"
            + " (SELECT sku, sku_key, MAX(available) AS most FROM read_batches WHERE available > 0"
            + "  GROUP BY sku, sku_key) b"
            + " WHERE EXISTS (SELECT 1 FROM read_waiting w"
            + "  WHERE w.sku_key = b.sku_key AND w.sku = b.sku AND w.quantity <= b.most)"
            + " ORDER BY 1";

    private final DataSource dataSource;
    private final Keyset<WaitingRow, Column> listing;

    public WaitingQuery(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.listing = new Keyset<>(dataSource, "read_waiting", List.of("order_id", "sku", "quantity", "since"),
                WaitingQuery::row, Map.of(
                        Column.ORDER, List.of("order_key", "order_id", "sku"),
                        Column.SKU, List.of("sku_key", "order_id", "sku"),
                        Column.QUANTITY, List.of("quantity", "order_id", "sku"),
                        Column.SINCE, List.of("since", "order_id", "sku")));
    }

    /** At most {@code limit} matching lines in the sort, where {@code seek} says. */
    @Override
    public Page<WaitingRow> page(LineFilter filter, Sort<Column> sort, Seek seek, int limit) {
        return listing.page(filter.where(), sort, seek, limit);
    }

    /** How many lines match, and their units (for the summary and the pager). */
    public Totals totals(LineFilter filter) {
        long[] totals = listing.countAndSum(filter.where(), "quantity");
        return new Totals((int) totals[0], totals[1]);
    }

    /** How many matching lines come before the line with {@code key} in the sort. */
    @Override
    public int countBefore(LineFilter filter, Sort<Column> sort, Page.Key key) {
        return listing.countBefore(filter.where(), sort, key);
    }

    /** Every matching line in the sort, streamed row by row: what the list shows, all pages. */
    @Override
    public void forEach(LineFilter filter, Sort<Column> sort, Consumer<WaitingRow> consumer) {
        listing.forEach(filter.where(), sort, consumer);
    }

    /** Waiting lines whose SKU starts with {@code skuPrefix} (any case); all when it is null or blank. */
    public List<WaitingRow> list(String skuPrefix) {
        return Sql.isBlank(skuPrefix)
                ? Sql.list(dataSource, ALL, WaitingQuery::row)
                : Sql.list(dataSource, BY_SKU, WaitingQuery::row, Sql.prefixBounds(skuPrefix).toArray());
    }

    /** The order's waiting lines (exact order id). */
    public List<WaitingRow> forOrder(String orderId) {
        return Sql.list(dataSource, FOR_ORDER, WaitingQuery::row, orderId == null ? "" : orderId.strip());
    }

    /**
     * The SKUs where a line waits although one of the SKU's batches has enough available for it. The
     * domain never leaves that state behind; an older version's crash could (see the start-up sweep
     * in {@code Bootstrap}).
     */
    public List<String> skusWithALineThatFitsFreeStock() {
        boolean fewerWaiting = Sql.integer(dataSource, COUNT_WAITING) <= Sql.integer(dataSource, COUNT_BATCHES);
        return Sql.list(dataSource, fewerWaiting ? STRANDED_FROM_WAITING : STRANDED_FROM_BATCHES, rs -> rs.getString(1));
    }

    private static WaitingRow row(ResultSet rs) throws SQLException {
        return new WaitingRow(rs.getString(1), rs.getString(2), rs.getInt(3), Sql.instant(rs, 4));
    }
}

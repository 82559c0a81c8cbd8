package com.allocationdesk.allocation.queries;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The stock position per SKU ({@link StockPositionRow}): one aggregation over {@code read_batches}
 * (on hand, inbound, next ETA, allocated, available) joined with one over {@code read_waiting}
 * (waiting units and lines); the shortfall is computed here too. A SKU has a row when it has a batch
 * (a line can only be placed, and wait, for a SKU with one). The same SQL on both stores. Also the
 * arrivals of one SKU by ETA, which its chart of stock over time is drawn from.
 */
public final class StockPositionQuery {
    private static final String BATCHES = "SELECT sku,"
            + " SUM(CASE WHEN eta IS NULL THEN purchased ELSE 0 END) AS on_hand,"
            + " SUM(CASE WHEN eta IS NULL THEN 0 ELSE purchased END) AS inbound,"
            + " MIN(CASE WHEN eta IS NOT NULL AND purchased > 0 THEN eta END) AS next_eta,"
            + " SUM(allocated) AS allocated, SUM(available) AS available FROM read_batches";
    private static final String WAITING = "SELECT sku, SUM(quantity) AS units, COUNT(*) AS lines FROM read_waiting";
    /**
     * One SKU by its exact code, through the sku_key index (V3) of both tables; the key is the
     * database's own UPPER of the code, as the generated column is (HSQLDB folds a-z only).
     */
    private static final String ONE_SKU = " WHERE sku_key = UPPER(CAST(? AS VARCHAR(64))) AND sku = ?";
    private static final String POSITION = "SELECT b.sku, b.on_hand, b.inbound, b.next_eta, b.allocated, b.available,"
            + " COALESCE(w.units, 0), COALESCE(w.lines, 0),"
            + " CASE WHEN COALESCE(w.units, 0) > b.available THEN COALESCE(w.units, 0) - b.available ELSE 0 END"
            + " FROM (%s GROUP BY sku) b LEFT JOIN (%s GROUP BY sku) w ON w.sku = b.sku ORDER BY b.sku";
    private static final String ALL = String.format(POSITION, BATCHES, WAITING);
    private static final String OF = String.format(POSITION, BATCHES + ONE_SKU, WAITING + ONE_SKU);
    private static final String ARRIVALS = "SELECT eta, SUM(purchased) FROM read_batches" + ONE_SKU
            + " AND purchased > 0 GROUP BY eta ORDER BY eta NULLS FIRST";

    private final DataSource dataSource;

    public StockPositionQuery(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Every SKU's position, by SKU: an aggregation, one row per SKU (thousands at most), never paged. */
    public List<StockPositionRow> all() {
        return Sql.list(dataSource, ALL, StockPositionQuery::row);
    }

    /** The position of the SKU of exactly this code (case counts), if it has a batch. */
    public Optional<StockPositionRow> of(String sku) {
        return Sql.list(dataSource, OF, StockPositionQuery::row, sku, sku, sku, sku).stream().findFirst();
    }

    /** What the SKU's batches bring, per ETA: the warehouse (null) first, then by ETA; empty quantities left out. */
    public List<ArrivalRow> arrivals(String sku) {
        return Sql.list(dataSource, ARRIVALS, rs -> new ArrivalRow(date(rs, 1), rs.getInt(2)), sku, sku);
    }

    private static StockPositionRow row(ResultSet rs) throws SQLException {
        return new StockPositionRow(rs.getString(1), rs.getInt(2), rs.getInt(3), date(rs, 4), rs.getInt(5),
                rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9));
    }

    private static java.time.LocalDate date(ResultSet rs, int column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}

package com.allocationdesk.allocation.queries;

import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** Per-SKU stock totals over {@code read_batches}, with the quantity waiting from {@code read_waiting}. */
public final class StockTotalsQuery {
    private static final String PER_SKU = "SELECT b.sku, b.purchased, b.allocated, b.available, COALESCE(w.waiting, 0)"
            + " FROM (SELECT sku, SUM(purchased) AS purchased, SUM(allocated) AS allocated, SUM(available) AS available"
            + "       FROM read_batches GROUP BY sku) b"
            + " LEFT JOIN (SELECT sku, SUM(quantity) AS waiting FROM read_waiting GROUP BY sku) w ON w.sku = b.sku"
            + " ORDER BY b.sku";

    private final DataSource dataSource;

    public StockTotalsQuery(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** One row per SKU that has batches, by SKU. */
    public List<SkuTotals> perSku() {
        return Sql.list(dataSource, PER_SKU,
                rs -> new SkuTotals(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)));
    }
}

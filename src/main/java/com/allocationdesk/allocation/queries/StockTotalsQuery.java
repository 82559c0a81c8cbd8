package com.allocationdesk.allocation.queries;

import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Per-SKU stock totals, with the quantity waiting: the same figures as the stock position
 * ({@link StockPositionQuery}, the one per-SKU aggregation of the read tables), summed up.
 */
public final class StockTotalsQuery {
    private final StockPositionQuery positions;

    public StockTotalsQuery(DataSource dataSource) {
        this.positions = new StockPositionQuery(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** One row per SKU that has batches, by SKU. */
    public List<SkuTotals> perSku() {
        return positions.all().stream().map(p -> new SkuTotals(p.sku(), p.onHand() + p.inbound(), p.allocated(),
                p.available(), p.waitingUnits())).toList();
    }
}

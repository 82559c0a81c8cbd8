package com.allocationdesk.allocation.views;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** Reads {@code waiting_view}: order lines waiting for stock, oldest first. */
public final class WaitingQuery {
    private static final String COLUMNS = "SELECT order_id, sku, quantity, since FROM waiting_view";
    private static final String ORDER = " ORDER BY since, order_id, sku";
    private static final String ALL = COLUMNS + ORDER;
    private static final String BY_SKU = COLUMNS + " WHERE " + Sql.startsWith("sku_key") + ORDER;
    private static final String FOR_ORDER = COLUMNS + " WHERE order_id = ? ORDER BY sku";

    private final DataSource dataSource;

    public WaitingQuery(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Waiting lines whose SKU starts with {@code skuPrefix} (any case); all when it is null or blank. */
    public List<WaitingView> list(String skuPrefix) {
        return Sql.isBlank(skuPrefix)
                ? Sql.list(dataSource, ALL, WaitingQuery::row)
                : Sql.list(dataSource, BY_SKU, WaitingQuery::row, Sql.prefixBounds(skuPrefix).toArray());
    }

    /** The order's waiting lines (exact order id). */
    public List<WaitingView> forOrder(String orderId) {
        return Sql.list(dataSource, FOR_ORDER, WaitingQuery::row, orderId == null ? "" : orderId.strip());
    }

    private static WaitingView row(ResultSet rs) throws SQLException {
        return new WaitingView(rs.getString(1), rs.getString(2), rs.getInt(3), Sql.instant(rs, 4));
    }
}

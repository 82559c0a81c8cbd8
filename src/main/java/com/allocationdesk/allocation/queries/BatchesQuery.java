package com.allocationdesk.allocation.queries;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads {@code read_batches}: warehouse stock first, then by ETA, then by reference (the allocation preference). */
public final class BatchesQuery {
    private static final String COLUMNS = "SELECT reference, sku, eta, purchased, allocated, available FROM read_batches";
    private static final String ORDER = " ORDER BY eta NULLS FIRST, reference";
    private static final String ALL = COLUMNS + ORDER;
    private static final String BY_SKU = COLUMNS + " WHERE " + Sql.startsWith("sku_key") + ORDER;
    private static final String BY_REFERENCE = COLUMNS + " WHERE reference = ?";

    private final DataSource dataSource;

    public BatchesQuery(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
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

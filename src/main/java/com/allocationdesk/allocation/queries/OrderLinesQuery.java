package com.allocationdesk.allocation.queries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * Where an order line already is (allocated or waiting), for checking a whole import file before
 * anything is written. {@link #lookup()} keeps one connection and one prepared statement for many
 * primary-key lookups.
 */
public final class OrderLinesQuery {
    private static final String QUANTITY = "SELECT quantity FROM read_allocations WHERE order_id = ? AND sku = ?"
            + " UNION ALL SELECT quantity FROM read_waiting WHERE order_id = ? AND sku = ?";

    private final DataSource dataSource;

    public OrderLinesQuery(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Opens a lookup; close it when done. */
    public Lookup lookup() {
        try {
            return new Lookup(dataSource.getConnection());
        } catch (SQLException e) {
            throw new QueryFailed("Could not read the read tables: " + e.getMessage(), e);
        }
    }

    /** Many lookups over one connection. Not thread-safe. */
    public static final class Lookup implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement statement;

        private Lookup(Connection connection) throws SQLException {
            this.connection = connection;
            try {
                this.statement = connection.prepareStatement(QUANTITY);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        /** The quantity of the order's line of this SKU, if the order has one (allocated or waiting). */
        public OptionalInt quantityOf(String orderId, String sku) {
            try {
                statement.setString(1, orderId);
                statement.setString(2, sku);
                statement.setString(3, orderId);
                statement.setString(4, sku);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
                }
            } catch (SQLException e) {
                throw new QueryFailed("Could not read the read tables: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try (connection; statement) {
                // closes both
            } catch (SQLException e) {
                throw new QueryFailed("Could not close a read-table lookup: " + e.getMessage(), e);
            }
        }
    }
}

package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.reliability.Tables;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** SQL helpers for the integration tests. */
final class TestData {
    private static final String[] TABLES = {
            "allocations", "waiting_lines", "batches", "products",
            "read_allocations", "read_batches", "read_waiting", "notifications", "inbox_receipts"};

    private TestData() {
    }

    static void deleteEverything(Store database) {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of the query, each as a list of column values (compared by equals). */
    static List<List<Object>> rows(Store database, String sql) {
        return Tables.rows(database.dataSource(), sql);
    }

    static long number(Store database, String sql) {
        return Tables.number(database.dataSource(), sql);
    }
}

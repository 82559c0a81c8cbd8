package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.db.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** SQL helpers for the integration tests. */
final class TestData {
    private static final String[] TABLES = {
            "allocations", "waiting_lines", "batches", "products",
            "allocations_view", "batches_view", "waiting_view", "notifications"};

    private TestData() {
    }

    static void deleteEverything(Database database) {
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
    static List<List<Object>> rows(Database database, String sql) {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long number(Database database, String sql) {
        return ((Number) rows(database, sql).get(0).get(0)).longValue();
    }
}

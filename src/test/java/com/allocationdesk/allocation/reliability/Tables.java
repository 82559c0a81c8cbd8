package com.allocationdesk.allocation.reliability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Whole-table SQL for the reliability suite: every row of a query, a checksum of every table in
 * the schema (whatever the migrations create, so a new table is covered without editing this),
 * and the read tables as a comparable value.
 */
public final class Tables {
    /** The read tables a rebuild recomputes (notifications are history and are not rebuilt). */
    public static final List<String> REBUILT_READ_TABLES = List.of(
            "SELECT * FROM read_batches ORDER BY reference",
            "SELECT * FROM read_allocations ORDER BY order_id, sku",
            "SELECT * FROM read_waiting ORDER BY order_id, sku");

    private Tables() {
    }

    /** Every row of the query, each as a list of column values (compared by equals). */
    public static List<List<Object>> rows(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static long number(DataSource dataSource, String sql) {
        return ((Number) rows(dataSource, sql).get(0).get(0)).longValue();
    }

    /** The rebuilt read tables' contents, in a fixed order. */
    public static List<List<List<Object>>> readTables(DataSource dataSource) {
        return REBUILT_READ_TABLES.stream().map(sql -> rows(dataSource, sql)).toList();
    }

    /** Every table of the PUBLIC schema (Flyway's history included), in name order. */
    public static List<String> tableNames(DataSource dataSource) {
        return rows(dataSource, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'PUBLIC' AND table_type = 'BASE TABLE' ORDER BY table_name")
                .stream().map(row -> (String) row.get(0)).toList();
    }

    /** Table name to SHA-256 of all its rows, sorted by every column; equal maps = equal contents. */
    public static Map<String, String> checksums(DataSource dataSource) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : tableNames(dataSource)) {
            int columns = rows(dataSource, "SELECT COUNT(*) FROM information_schema.columns"
                    + " WHERE table_schema = 'PUBLIC' AND table_name = '" + table + "'").get(0).get(0) instanceof Number n
                    ? n.intValue() : 1;
            StringBuilder orderBy = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
                orderBy.append(i == 1 ? "" : ", ").append(i);
            }
            MessageDigest digest = sha256();
            long count = 0;
            for (List<Object> row : rows(dataSource, "SELECT * FROM \"" + table + "\" ORDER BY " + orderBy)) {
                digest.update(row.toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
                count++;
            }
            sums.put(table, count + " rows " + HexFormat.of().formatHex(digest.digest()).substring(0, 16));
        }
        return sums;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

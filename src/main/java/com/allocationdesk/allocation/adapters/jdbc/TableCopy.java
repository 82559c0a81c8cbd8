package com.allocationdesk.allocation.adapters.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Copies the desk's tables from one store into another of the same schema, every row of every
 * column the target does not compute itself (generated columns are left to it), over one target
 * connection whose transaction the caller commits: {@code copy-to} moves a file database to a
 * server this way, all of it or nothing. {@link #totals} is what the copy is checked by: per
 * table, the number of rows and the sum of every whole-number column.
 */
public final class TableCopy {
    /** Every table of the schema, parents before the tables whose rows point at them. */
    public static final List<String> TABLES = List.of("products", "batches", "allocations", "waiting_lines",
            "read_batches", "read_allocations", "read_waiting", "notifications", "event_log", "outbox_progress",
            "inbox_receipts");
    private static final int BATCH = 500;

    private TableCopy() {
    }

    /** Rows and column sums of one table. */
    public record Totals(long rows, Map<String, Long> sums) {
    }

    /**
     * Copies every row of {@link #TABLES} from {@code source} into {@code target}; returns the
     * number of rows copied per table. The target's tables must exist; nothing is committed here.
     */
    public static Map<String, Long> copy(Connection source, Connection target) throws SQLException {
        Map<String, Long> copied = new LinkedHashMap<>();
        for (String table : TABLES) {
            List<Column> columns = columns(target, table);
            copied.put(table, copyTable(source, target, table, columns));
            restartIdentities(target, table, columns);
        }
        return copied;
    }

    /**
     * An identity column whose values were copied goes on after the largest of them (standard SQL,
     * on both stores), so the next row the target numbers itself does not collide.
     */
    private static void restartIdentities(Connection target, String table, List<Column> columns) throws SQLException {
        for (Column column : columns) {
            if (column.identity()) {
                long next;
                try (Statement statement = target.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(" + column.name() + "), 0) + 1 FROM " + table)) {
                    rows.next();
                    next = rows.getLong(1);
                }
                try (Statement statement = target.createStatement()) {
                    statement.execute("ALTER TABLE " + table + " ALTER COLUMN " + column.name() + " RESTART WITH " + next);
                }
            }
        }
    }

    /** The number of rows of each of {@link #TABLES} on {@code connection}, to tell whether a target is empty. */
    public static Map<String, Long> rowCounts(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                counts.put(table, rows.getLong(1));
            }
        }
        return counts;
    }

    /** Per table of {@link #TABLES}: its rows and the sum of each whole-number column. */
    public static Map<String, Totals> totals(Connection connection) throws SQLException {
        Map<String, Totals> totals = new LinkedHashMap<>();
        for (String table : TABLES) {
            List<String> numbers = new ArrayList<>();
            for (Column column : columns(connection, table)) {
                if (column.wholeNumber()) {
                    numbers.add(column.name());
                }
            }
            StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
            numbers.forEach(name -> sql.append(", COALESCE(SUM(CAST(").append(name).append(" AS BIGINT)), 0)"));
            sql.append(" FROM ").append(table);
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql.toString())) {
                rows.next();
                Map<String, Long> sums = new LinkedHashMap<>();
                for (int i = 0; i < numbers.size(); i++) {
                    sums.put(numbers.get(i), rows.getLong(i + 2));
                }
                totals.put(table, new Totals(rows.getLong(1), sums));
            }
        }
        return totals;
    }

    private static long copyTable(Connection source, Connection target, String table, List<Column> all)
            throws SQLException {
        List<Column> columns = all.stream().filter(column -> !column.generated()).toList();
        String names = String.join(", ", columns.stream().map(Column::name).toList());
        String marks = String.join(", ", columns.stream().map(column -> "?").toList());
        long copied = 0;
        try (Statement read = source.createStatement();
             ResultSet rows = read.executeQuery("SELECT " + names + " FROM " + table);
             PreparedStatement insert = target.prepareStatement(
                     "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")")) {
            ResultSetMetaData shape = rows.getMetaData();
            while (rows.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    insert.setObject(i, value(rows, i, shape.getColumnType(i)), shape.getColumnType(i));
                }
                insert.addBatch();
                if (++copied % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            if (copied % BATCH != 0) { // HSQLDB refuses an empty batch
                insert.executeBatch();
            }
        }
        return copied;
    }

    /** Dates and instants as java.time values, which both drivers read and write the same way. */
    private static Object value(ResultSet rows, int index, int type) throws SQLException {
        return switch (type) {
            case Types.DATE -> rows.getObject(index, LocalDate.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rows.getObject(index, OffsetDateTime.class);
            default -> rows.getObject(index);
        };
    }

    private record Column(String name, int type, boolean generated, boolean identity) {
        boolean wholeNumber() {
            return type == Types.INTEGER || type == Types.BIGINT || type == Types.SMALLINT;
        }
    }

    /** The table's columns as the database describes them (JDBC's metadata: the same call on both stores). */
    private static List<Column> columns(Connection connection, String table) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        String stored = metadata.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        List<Column> columns = new ArrayList<>();
        try (ResultSet rows = metadata.getColumns(null, null, stored, null)) {
            while (rows.next()) {
                if (isOurSchema(rows.getString("TABLE_SCHEM"))) {
                    columns.add(new Column(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                            rows.getInt("DATA_TYPE"), "YES".equals(rows.getString("IS_GENERATEDCOLUMN")),
                            "YES".equals(rows.getString("IS_AUTOINCREMENT"))));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("No table " + table + " in " + metadata.getURL());
        }
        return columns;
    }

    private static boolean isOurSchema(String schema) {
        return Objects.equals(schema, "PUBLIC") || Objects.equals(schema, "public");
    }
}

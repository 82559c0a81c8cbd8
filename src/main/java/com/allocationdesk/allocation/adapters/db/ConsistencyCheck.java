package com.allocationdesk.allocation.adapters.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Does the database add up? The read tables are written in the same transaction as the write
 * model, so on a healthy database they agree exactly; when they do not, rows were lost (a damaged
 * {@code .script}, {@code .log} or {@code .data}), and the database must not be used as it is.
 * Each problem is one planner-readable phrase.
 * <ul>
 *   <li>{@link #quick} runs at every open: row counts, first and last keys, rows without a key;
 *       only what indexes answer, so milliseconds at any size.</li>
 *   <li>{@link #full} is the {@code check} command: the same, then the sums ("what {@code
 *       rebuild-views} would change" in aggregate), then row by row (each read table
 *       against the write model), each batch's allocated units against its own lines, lines and
 *       batches that belong to nothing, and waiting lines that free stock could take.</li>
 * </ul>
 */
public final class ConsistencyCheck {
    private static final Logger log = LoggerFactory.getLogger(ConsistencyCheck.class);
    private ConsistencyCheck() {
    }

    /**
     * The names of the read tables in a database. They are {@code read_*} since
     * V4__read_tables_named_read.sql; a database that migration has not reached yet (one written
     * by an older version, checked before it is migrated, or a backup it made, checked when it is
     * restored) still has the names V2 gave them.
     */
    record ReadTables(String batches, String allocations, String waiting) {
        static final ReadTables CURRENT = new ReadTables("READ_BATCHES", "READ_ALLOCATIONS", "READ_WAITING");
        static final ReadTables BEFORE_V4 = new ReadTables("BATCHES_VIEW", "ALLOCATIONS_VIEW", "WAITING_VIEW");

        /** The names in this database: {@link #BEFORE_V4} while it still has them, else {@link #CURRENT}. */
        static ReadTables of(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                         + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = '" + BEFORE_V4.batches + "'")) {
                result.next();
                return result.getLong(1) > 0 ? BEFORE_V4 : CURRENT;
            }
        }

        /** The pairs of a write table and the read table rebuilt from it, with the key both are indexed on. */
        String[][] pairs() {
            return new String[][] {
                    {"batches", "BATCHES", "reference", batches, "reference"},
                    {"allocated lines", "ALLOCATIONS", "order_id", allocations, "order_id"},
                    {"waiting lines", "WAITING_LINES", "order_id", waiting, "order_id"},
            };
        }
    }

    /** Indexed columns that no stored row leaves empty; a row without them is what a garbled log line leaves. */
    private static final String[][] KEYS = {
            {"BATCHES", "reference"}, {"BATCHES", "sku"}, {"ALLOCATIONS", "order_id"},
            {"ALLOCATIONS", "batch_reference"}, {"WAITING_LINES", "order_id"}, {"WAITING_LINES", "product_sku"},
    };

    /**
     * The open-time check; an empty list when everything adds up. Only what an index or the
     * table's own row count answers (milliseconds at a million lines): each write table and its
     * read table hold as many rows, with the same first and last key, and no row lacks its key;
     * there are products when there are batches. Sums and row-by-row comparison are in
     * {@link #full} (a scan of every row: 20 s at a million lines, see docs/RELIABILITY.md).
     */
    static List<String> quick(Connection connection) throws SQLException {
        long started = System.nanoTime();
        List<String> problems = new ArrayList<>();
        Map<String, Long> rows = new HashMap<>();
        ReadTables readTables = ReadTables.of(connection);
        try (Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("SELECT TABLE_NAME, CARDINALITY"
                    + " FROM INFORMATION_SCHEMA.SYSTEM_TABLESTATS WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
            for (String[] pair : readTables.pairs()) {
                long recorded = rows.getOrDefault(pair[1], 0L);
                long listed = rows.getOrDefault(pair[3], 0L);
                differ(problems, pair[0], recorded, listed);
                if (recorded == listed && recorded > 0) {
                    List<Object> written = extremes(statement, pair[1], pair[2]);
                    List<Object> read = extremes(statement, pair[3], pair[4]);
                    if (!written.equals(read)) {
                        problems.add(pair[0] + ": the first and last recorded (" + written.get(0) + ", " + written.get(1)
                                + ") are not those shown in the lists (" + read.get(0) + ", " + read.get(1) + ")");
                    }
                }
            }
            long products = rows.getOrDefault("PRODUCTS", 0L);
            if (products == 0 && rows.getOrDefault("BATCHES", 0L) + rows.getOrDefault("WAITING_LINES", 0L) > 0) {
                problems.add("no product is recorded, but batches or waiting lines are");
            }
            long incomplete = 0;
            for (String[] key : KEYS) {
                incomplete += numbers(statement, "SELECT COUNT(*) FROM " + key[0] + " WHERE " + key[1] + " IS NULL")[0];
            }
            if (incomplete > 0) {
                problems.add(incomplete + " stored rows have lost their reference");
            }
        }
        log.info("Consistency check (row counts, keys): {} problems in {} ms", problems.size(),
                (System.nanoTime() - started) / 1_000_000);
        return problems;
    }

    /**
     * The check at open: {@link #quick}; or, when the read tables are about to be rebuilt
     * ({@code readModelMayDisagree}), only whether the write model adds up by itself: its allocated
     * units against its allocated lines, no line without its batch, no keyless row. A write model
     * that lost rows is refused, so a rebuild cannot destroy the evidence.
     */
    static List<String> atOpen(Connection connection, boolean readModelMayDisagree) throws SQLException {
        if (!readModelMayDisagree) {
            return quick(connection);
        }
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            long allocated = numbers(statement, "SELECT COALESCE(SUM(allocated_quantity), 0) FROM batches")[0];
            long lines = numbers(statement, "SELECT COALESCE(SUM(quantity), 0) FROM allocations")[0];
            if (allocated != lines) {
                problems.add("the batches have " + allocated + " units allocated but their allocated lines add up to "
                        + lines);
            }
            rows(problems, statement, "allocated lines whose batch is not recorded, or is of another SKU",
                    "SELECT COUNT(*) FROM allocations a LEFT JOIN batches b ON b.reference = a.batch_reference"
                            + " WHERE b.reference IS NULL OR b.sku <> a.sku");
            rows(problems, statement, "batches whose product is not recorded",
                    "SELECT COUNT(*) FROM batches b WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = b.sku)");
            long incomplete = 0;
            for (String[] key : KEYS) {
                incomplete += numbers(statement, "SELECT COUNT(*) FROM " + key[0] + " WHERE " + key[1] + " IS NULL")[0];
            }
            if (incomplete > 0) {
                problems.add(incomplete + " stored rows have lost their reference");
            }
        }
        return problems;
    }

    /** The sums: what {@code rebuild-views} would change, in aggregate (a scan of every row). */
    private static List<String> sums(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        ReadTables read = ReadTables.of(connection);
        try (Statement statement = connection.createStatement()) {
            long[] batches = numbers(statement, "SELECT COALESCE(SUM(purchased_quantity), 0),"
                    + " COALESCE(SUM(allocated_quantity), 0) FROM batches");
            long[] batchRows = numbers(statement,
                    "SELECT COALESCE(SUM(purchased), 0), COALESCE(SUM(allocated), 0) FROM " + read.batches());
            long lines = numbers(statement, "SELECT COALESCE(SUM(quantity), 0) FROM allocations")[0];
            long lineRows = numbers(statement, "SELECT COALESCE(SUM(quantity), 0) FROM " + read.allocations())[0];
            long waiting = numbers(statement, "SELECT COALESCE(SUM(quantity), 0) FROM waiting_lines")[0];
            long waitingRows = numbers(statement, "SELECT COALESCE(SUM(quantity), 0) FROM " + read.waiting())[0];
            differ(problems, "purchased units", batches[0], batchRows[0]);
            differ(problems, "allocated units", batches[1], batchRows[1]);
            differ(problems, "allocated line units", lines, lineRows);
            differ(problems, "waiting units", waiting, waitingRows);
            if (batches[1] != lines) {
                problems.add("the batches have " + batches[1] + " units allocated but their allocated lines add up to "
                        + lines);
            }
        }
        return problems;
    }

    private static List<Object> extremes(Statement statement, String table, String column) throws SQLException {
        List<Object> values = new ArrayList<>(2);
        for (String function : new String[] {"MIN", "MAX"}) {
            try (ResultSet result = statement.executeQuery("SELECT " + function + "(" + column + ") FROM " + table)) {
                result.next();
                values.add(result.getObject(1));
            }
        }
        return values;
    }

    /** The full check of the {@code check} command: {@link #quick}, then row by row. */
    static List<String> full(Connection connection) throws SQLException {
        long started = System.nanoTime();
        List<String> problems = new ArrayList<>(quick(connection));
        problems.addAll(sums(connection));
        // Each write row against its read row through the read table's primary key. One direction
        // suffices: the quick check has compared the row counts, and the keys are unique.
        ReadTables read = ReadTables.of(connection);
        try (Statement statement = connection.createStatement()) {
            rows(problems, statement, "batches missing from the batches list or shown differently",
                    "SELECT COUNT(*) FROM batches b LEFT JOIN " + read.batches() + " v ON v.reference = b.reference"
                            + " WHERE v.reference IS NULL OR v.sku <> b.sku OR v.eta IS DISTINCT FROM b.eta"
                            + " OR v.purchased <> b.purchased_quantity OR v.allocated <> b.allocated_quantity");
            rows(problems, statement, "allocated lines missing from the allocations list or shown differently",
                    "SELECT COUNT(*) FROM allocations a LEFT JOIN " + read.allocations() + " v ON v.order_id = a.order_id"
                            + " AND v.sku = a.sku WHERE v.order_id IS NULL OR v.quantity <> a.quantity"
                            + " OR v.batch_reference <> a.batch_reference");
            rows(problems, statement, "waiting lines missing from the waiting list or shown differently",
                    "SELECT COUNT(*) FROM waiting_lines w LEFT JOIN " + read.waiting() + " v ON v.order_id = w.order_id"
                            + " AND v.sku = w.sku WHERE v.order_id IS NULL OR v.quantity <> w.quantity OR v.since <> w.since");
            rows(problems, statement, "batches whose allocated units are not the sum of their allocated lines",
                    "SELECT COUNT(*) FROM batches b LEFT JOIN (SELECT batch_reference, SUM(quantity) AS units"
                            + " FROM allocations GROUP BY batch_reference) a ON a.batch_reference = b.reference"
                            + " WHERE b.allocated_quantity <> COALESCE(a.units, 0)");
            rows(problems, statement, "batches with more allocated than purchased, or negative quantities",
                    "SELECT COUNT(*) FROM batches WHERE allocated_quantity > purchased_quantity"
                            + " OR allocated_quantity < 0 OR purchased_quantity < 0");
            rows(problems, statement, "allocated lines whose batch is not recorded, or is of another SKU",
                    "SELECT COUNT(*) FROM allocations a LEFT JOIN batches b ON b.reference = a.batch_reference"
                            + " WHERE b.reference IS NULL OR b.sku <> a.sku");
            rows(problems, statement, "batches whose product is not recorded",
                    "SELECT COUNT(*) FROM batches b WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = b.sku)");
            rows(problems, statement, "waiting lines whose product is not recorded",
                    "SELECT COUNT(*) FROM waiting_lines w WHERE NOT EXISTS"
                            + " (SELECT 1 FROM products p WHERE p.sku = w.product_sku)");
            rows(problems, statement, "order lines both allocated and waiting",
                    "SELECT COUNT(*) FROM waiting_lines w JOIN allocations a ON a.order_id = w.order_id AND a.sku = w.sku");
            rows(problems, statement, "waiting lines that the free stock of a batch could take",
                    "SELECT COUNT(*) FROM waiting_lines w WHERE EXISTS (SELECT 1 FROM batches b WHERE b.sku = w.sku"
                            + " AND b.purchased_quantity - b.allocated_quantity >= w.quantity)");
        }
        log.info("Full consistency check: {} problems in {} ms", problems.size(), (System.nanoTime() - started) / 1_000_000);
        return problems;
    }

    private static void differ(List<String> problems, String what, long recorded, long listed) {
        if (recorded != listed) {
            problems.add(what + ": " + recorded + " recorded, " + listed + " shown in the lists");
        }
    }

    private static void rows(List<String> problems, Statement statement, String what, String sql) throws SQLException {
        long count = numbers(statement, sql)[0];
        if (count > 0) {
            problems.add(count + " " + what);
        }
    }

    private static long[] numbers(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            int columns = result.getMetaData().getColumnCount();
            long[] values = new long[columns];
            for (int i = 0; i < columns; i++) {
                values[i] = result.getLong(i + 1);
            }
            return values;
        }
    }
}

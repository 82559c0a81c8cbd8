package com.allocationdesk.allocation.queries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * One table's sorted listing, paged by the seek method: each sort column {@code C} names its key,
 * the column(s) it orders by followed by the primary key (so the order is total), all in the sort's
 * direction, and V9 gives each key an index in that order. A page after a row is
 * {@code WHERE key > row's key ORDER BY key LIMIT n}: the database starts reading the index at the
 * row, wherever it lies. Before a row, and the last page, are read in the reverse order and turned
 * round. The SQL is made only from the fixed texts given here; filter values and keys are bound.
 */
final class Keyset<R, C extends Enum<C>> {
    private final DataSource dataSource;
    private final String table;
    private final String columns;
    private final int columnCount;
    private final Sql.RowMapper<R> mapper;
    private final Map<C, List<String>> keys;

    /**
     * {@code columns}: the row's columns, which {@code mapper} reads from column 1 on; {@code keys}:
     * per sort column, its key's columns (each one a plain column name of {@code table}).
     */
    Keyset(DataSource dataSource, String table, List<String> columns, Sql.RowMapper<R> mapper, Map<C, List<String>> keys) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = table;
        this.columns = String.join(", ", columns);
        this.columnCount = columns.size();
        this.mapper = mapper;
        this.keys = Collections.unmodifiableMap(new EnumMap<>(keys));
    }

    Page<R> page(Sql.Condition filter, Sort<C> sort, Seek seek, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one row");
        }
        List<String> key = keyOf(sort);
        boolean descending = sort.descending() != seek.backwards();
        List<Object> parameters = new ArrayList<>(filter.parameters());
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(", ").append(String.join(", ", key))
                .append(" FROM ").append(table).append(filter.sql());
        if (seek.key() != null) {
            checkKey(sort, seek.key(), key);
            sql.append(filter.sql().isEmpty() ? " WHERE " : " AND ")
                    .append(beyond(key, descending, seek.kind() == Seek.Kind.FROM, seek.key(), parameters));
        }
        sql.append(orderBy(key, descending)).append(" LIMIT ?");
        parameters.add(limit);
        List<R> rows = new ArrayList<>();
        List<Page.Key> rowKeys = new ArrayList<>();
        Sql.each(dataSource, sql.toString(), 0, rs -> {
            rows.add(mapper.map(rs));
            rowKeys.add(keyOf(sort, rs, key.size()));
        }, parameters.toArray());
        if (rows.isEmpty()) {
            return Page.empty();
        }
        if (seek.backwards()) {
            Collections.reverse(rows);
            Collections.reverse(rowKeys);
        }
        return new Page<>(rows, rowKeys.get(0), rowKeys.get(rowKeys.size() - 1));
    }

    int count(Sql.Condition filter) {
        return Sql.integer(dataSource, "SELECT COUNT(*) FROM " + table + filter.sql(), filter.parameters().toArray());
    }

    /** How many rows match, and the sum of their {@code column} (a plain column name of the table). */
    long[] countAndSum(Sql.Condition filter, String column) {
        long[] totals = new long[2];
        Sql.each(dataSource, "SELECT COUNT(*), COALESCE(SUM(CAST(" + column + " AS BIGINT)), 0) FROM " + table + filter.sql(),
                0, rs -> {
                    totals[0] = rs.getLong(1);
                    totals[1] = rs.getLong(2);
                }, filter.parameters().toArray());
        return totals;
    }

    /** How many rows come before the row with {@code key} in the sort (its position, from 0). */
    int countBefore(Sql.Condition filter, Sort<C> sort, Page.Key key) {
        List<String> columnsOfKey = keyOf(sort);
        checkKey(sort, key, columnsOfKey);
        List<Object> parameters = new ArrayList<>(filter.parameters());
        String sql = "SELECT COUNT(*) FROM " + table + filter.sql() + (filter.sql().isEmpty() ? " WHERE " : " AND ")
                + beyond(columnsOfKey, !sort.descending(), false, key, parameters);
        return Sql.integer(dataSource, sql, parameters.toArray());
    }

    /** Rows read per statement when streaming: a page of the sort at a time, never the whole result. */
    static final int CHUNK = 1_000;

    /**
     * Every row that matches, in the sort, streamed (for copies and exports of any size): read
     * {@value #CHUNK} rows at a time, each chunk the page after the last one's last row, so memory
     * holds one chunk whatever the table's size (HSQLDB builds a statement's whole result before it
     * returns the first row). Each chunk is its own statement: a row changed by someone else during a
     * long stream is read as it is when its chunk is read, and one whose sort key moves past the
     * chunk being read appears again there (docs/WINDOW.md, "File ▸ Export").
     */
    void forEach(Sql.Condition filter, Sort<C> sort, Consumer<R> consumer) {
        forEach(filter, sort, consumer, CHUNK);
    }

    void forEach(Sql.Condition filter, Sort<C> sort, Consumer<R> consumer, int chunk) {
        Seek seek = Seek.first();
        while (true) {
            Page<R> page = page(filter, sort, seek, chunk);
            page.rows().forEach(consumer);
            if (page.rows().size() < chunk) {
                return;
            }
            seek = Seek.after(page.last());
        }
    }

    private List<String> keyOf(Sort<C> sort) {
        return Objects.requireNonNull(keys.get(sort.column()), () -> "no key for " + sort.column());
    }

    private static void checkKey(Sort<?> sort, Page.Key key, List<String> columns) {
        if (key.column() != sort.column() || key.size() != columns.size()) {
            throw new IllegalArgumentException("a key of the sort by " + key.column() + " cannot seek in the sort by "
                    + sort.column());
        }
    }

    private Page.Key keyOf(Sort<C> sort, ResultSet rs, int size) throws SQLException {
        Object[] values = new Object[size];
        for (int i = 0; i < size; i++) {
            values[i] = rs.getObject(columnCount + 1 + i);
        }
        return new Page.Key(sort.column(), values);
    }

    private static String orderBy(List<String> key, boolean descending) {
        String direction = descending ? " DESC" : " ASC";
        return " ORDER BY " + String.join(direction + ", ", key) + direction;
    }

    /**
     * "The key comes after {@code key}" in the order ({@code descending}: after means smaller), as
     * {@code k1 >= ? AND (k1 > ? OR (k1 = ? AND (k2 > ? OR (k2 = ? AND k3 > ?))))}: the first
     * condition is the index range the database starts from, the rest the exact boundary.
     * {@code inclusive}: the row with {@code key} itself too.
     */
    private static String beyond(List<String> columns, boolean descending, boolean inclusive, Page.Key key,
                                 List<Object> parameters) {
        String after = descending ? " < ?" : " > ?";
        StringBuilder sql = new StringBuilder(columns.get(0)).append(descending ? " <= ?" : " >= ?").append(" AND ");
        parameters.add(key.value(0));
        StringBuilder closing = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            boolean lastColumn = i == columns.size() - 1;
            if (lastColumn) {
                sql.append(column).append(inclusive ? (descending ? " <= ?" : " >= ?") : after);
                parameters.add(key.value(i));
            } else {
                sql.append('(').append(column).append(after).append(" OR (").append(column).append(" = ? AND ");
                parameters.add(key.value(i));
                parameters.add(key.value(i));
                closing.append("))");
            }
        }
        return sql.append(closing).toString();
    }
}

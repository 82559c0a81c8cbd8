package com.allocationdesk.allocation.queries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The little JDBC the queries share: borrow a connection, bind, map rows, give it back. Read
 * failures become {@link QueryFailed}, an unchecked exception, so callers need no
 * {@code throws SQLException}.
 */
final class Sql {
    private Sql() {
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    static <T> List<T> list(DataSource dataSource, String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = new ArrayList<>();
        each(dataSource, sql, 0, rs -> rows.add(mapper.map(rs)), parameters);
        return rows;
    }

    static int integer(DataSource dataSource, String sql, Object... parameters) {
        int[] value = new int[1];
        each(dataSource, sql, 0, rs -> value[0] = rs.getInt(1), parameters);
        return value[0];
    }

    static void each(DataSource dataSource, String sql, int fetchSize, RowConsumer consumer, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            if (fetchSize > 0) {
                statement.setFetchSize(fetchSize);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new QueryFailed("Could not read the read tables: " + e.getMessage(), e);
        }
    }

    /**
     * The condition "{@code keyColumn} starts with the prefix, in any case" as an index range:
     * {@code keyColumn} is an upper-cased copy of the column (see V3 migration); the two bounds
     * come from {@link #prefixBounds}.
     */
    static String startsWith(String keyColumn) {
        return keyColumn + " >= ? AND " + keyColumn + " < ?";
    }

    /** The two parameters of {@link #startsWith}: the upper-cased prefix, and the prefix followed by U+FFFF. */
    static List<Object> prefixBounds(String prefix) {
        String key = prefix.strip().toUpperCase(java.util.Locale.ROOT);
        return List.of(key, key + '\uFFFF');
    }

    /** A piece of a WHERE clause with its parameters. */
    record Condition(String sql, List<Object> parameters) {
        Condition {
            parameters = List.copyOf(parameters);
        }
    }

    /**
     * What a planner's filter text means for a case-folded key column (V3's {@code *_key}), in one
     * place for every table: blank is no condition (null); text without {@code *} is the start of the
     * value, an index range ({@link #startsWith}); a {@code *} stands for any characters, so
     * {@code *shade} finds every value that contains SHADE and {@code la*p} those that start with LA
     * and have a P after it ({@code LIKE 'LA%P%'}: the text is still a prefix). {@code %} and {@code _}
     * are plain characters. Case never matters.
     */
    static Condition matching(String keyColumn, String filter) {
        if (isBlank(filter)) {
            return null;
        }
        String text = filter.strip();
        if (text.indexOf('*') < 0) {
            return new Condition(startsWith(keyColumn), prefixBounds(text));
        }
        StringBuilder pattern = new StringBuilder();
        for (char c : text.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> pattern.append('%');
                case '%', '_', '\\' -> pattern.append('\\').append(c);
                default -> pattern.append(c);
            }
        }
        pattern.append('%');
        return new Condition(keyColumn + " LIKE ? ESCAPE '\\'", List.of(pattern.toString()));
    }

    /** " WHERE a AND b" of the conditions that are not null; empty when there are none. */
    static Condition where(Condition... conditions) {
        List<String> parts = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (Condition condition : conditions) {
            if (condition != null) {
                parts.add(condition.sql());
                parameters.addAll(condition.parameters());
            }
        }
        return new Condition(parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts), parameters);
    }

    static boolean isBlank(String filter) {
        return filter == null || filter.isBlank();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

package com.allocationdesk.allocation.views;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The little JDBC the queries share: borrow a connection, bind, map rows, give it back. Read
 * failures become {@link QueryFailed}, an unchecked exception, so callers need no
 * {@code throws SQLException}.
 *
 * <h2>One warm session per query object</h2>
 * HSQLDB compiles a statement on every {@code prepareStatement}, and the pool resets the session
 * (dropping what it compiled) whenever a connection goes back. So each query object keeps one
 * idle {@link Session}: a pooled connection with the statements already prepared on it. A call
 * takes it (or, when another thread has it, borrows a fresh connection from the pool as before),
 * and gives it back when done; at most one session waits idle, any other is closed at once. The
 * connections auto-commit, so every query still sees the latest committed data. A session that
 * failed is closed, never reused; when a kept session fails before any row was read (say, the
 * database was closed under it), the query runs once more on a fresh connection, so the caller
 * sees exactly the error a fresh connection gives. The idle connection goes back to the pool's
 * owner when {@code Database.close} closes the pool; the query beans are singletons, one per
 * database, so this holds one pooled connection per query class at most.
 */
final class Sql {
    /** Different statements kept per session: the queries' fixed SQL and their few filter combinations. */
    static final int STATEMENTS_PER_SESSION = 16;

    private final DataSource dataSource;
    private final AtomicReference<Session> idle = new AtomicReference<>();

    Sql(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = new ArrayList<>(4);
        each(sql, 0, rs -> rows.add(mapper.map(rs)), parameters);
        return rows;
    }

    int integer(String sql, Object... parameters) {
        int[] value = new int[1];
        each(sql, 0, rs -> value[0] = rs.getInt(1), parameters);
        return value[0];
    }

    void each(String sql, int fetchSize, RowConsumer consumer, Object... parameters) {
        Session kept = idle.getAndSet(null);
        if (kept != null) {
            Run run = new Run(consumer);
            if (run.on(kept, sql, fetchSize, parameters)) {
                release(kept);
                return;
            }
            kept.close();
            if (run.rowsSeen) {
                throw run.failed();
            }
        }
        Session fresh;
        try {
            fresh = new Session(dataSource.getConnection());
        } catch (SQLException e) {
            throw failed(e);
        }
        Run run = new Run(consumer);
        if (!run.on(fresh, sql, fetchSize, parameters)) {
            fresh.close();
            throw run.failed();
        }
        release(fresh);
    }

    /** Keeps {@code session} as the idle one, or closes it when another is already kept. */
    private void release(Session session) {
        if (!idle.compareAndSet(null, session)) {
            session.close();
        }
    }

    /** Whether a session is kept idle (for tests). */
    boolean hasIdleSession() {
        return idle.get() != null;
    }

    private static QueryFailed failed(SQLException e) {
        return new QueryFailed("Could not read the views: " + e.getMessage(), e);
    }

    /** One execution of a query on one session: whether it got to any row, and how it failed. */
    private static final class Run {
        private final RowConsumer consumer;
        private boolean rowsSeen;
        private SQLException failure;

        Run(RowConsumer consumer) {
            this.consumer = consumer;
        }

        /**
         * Runs the query; true when it completed. An {@link SQLException} is kept for
         * {@link #failed()}; anything else (the caller's consumer failing) propagates, and the
         * session is closed rather than reused.
         */
        boolean on(Session session, String sql, int fetchSize, Object[] parameters) {
            boolean completed = false;
            try {
                PreparedStatement statement = session.statement(sql);
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                if (fetchSize > 0) {
                    statement.setFetchSize(fetchSize);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rowsSeen = true;
                        consumer.accept(rs);
                    }
                }
                completed = true;
            } catch (SQLException e) {
                failure = e;
            } finally {
                if (!completed && failure == null) {
                    session.close();
                }
            }
            return completed;
        }

        QueryFailed failed() {
            return Sql.failed(failure);
        }
    }

    /**
     * A pooled connection and the statements prepared on it, least recently used first. Used by
     * one thread at a time: {@link Sql} hands it out through an {@link AtomicReference}.
     */
    static final class Session {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements =
                new LinkedHashMap<>(STATEMENTS_PER_SESSION * 2, 0.75f, true) {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                        if (size() <= STATEMENTS_PER_SESSION) {
                            return false;
                        }
                        closeQuietly(eldest.getValue());
                        return true;
                    }
                };
        private boolean closed;

        Session(Connection connection) {
            this.connection = connection;
        }

        PreparedStatement statement(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        /** Closes the statements and gives the connection back to the pool; errors are ignored (it is being dropped). */
        void close() {
            if (closed) {
                return;
            }
            closed = true;
            statements.values().forEach(Session::closeQuietly);
            statements.clear();
            try {
                connection.close();
            } catch (SQLException e) {
                // the connection is dropped either way
            }
        }

        private static void closeQuietly(PreparedStatement statement) {
            try {
                statement.close();
            } catch (SQLException e) {
                // dropped either way
            }
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

    static boolean isBlank(String filter) {
        return filter == null || filter.isBlank();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

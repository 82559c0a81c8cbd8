package com.allocationdesk.allocation.adapters.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain-JDBC writes of one unit of work, held back and run in order, over its connection, when
 * it commits: inside the store's commit ({@link CommitGate#commit}), with the Hibernate flush and
 * the event log. So a unit of work writes nothing, and holds no row lock, while its handler runs:
 * on the embedded store, whose commit lock lets one unit write at a time, no unit ever waits for
 * another's row (decision 0015: two units that each waited for a row of the other once hung the
 * suite, and HSQLDB did not see the cycle).
 * <p>
 * Consecutive writes of the same statement go to the database as one JDBC batch.
 */
public final class HeldWrites {
    private record Write(String sql, Object[] parameters) {
    }

    private final List<Write> writes = new ArrayList<>();

    /**
     * Holds back {@code sql} with its parameters; an {@link Instant} is written as a UTC
     * timestamp with time zone, a {@code null} as an SQL null.
     */
    public void add(String sql, Object... parameters) {
        writes.add(new Write(sql, parameters.clone()));
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }

    /** Forgets what was held back (what a rebuild of the same tables makes pointless). */
    public void clear() {
        writes.clear();
    }

    /** Runs what was held back, in order, on {@code connection}, and forgets it. */
    public void writeOn(ConnectionRunner connection) {
        int start = 0;
        while (start < writes.size()) {
            String sql = writes.get(start).sql();
            int end = start + 1;
            while (end < writes.size() && writes.get(end).sql().equals(sql)) {
                end++;
            }
            List<Write> run = writes.subList(start, end);
            connection.withStatement(sql, statement -> {
                if (run.size() == 1) {
                    bindAll(statement, run.get(0));
                    return statement.executeUpdate();
                }
                for (Write write : run) {
                    bindAll(statement, write);
                    statement.addBatch();
                }
                return statement.executeBatch().length;
            });
            start = end;
        }
        writes.clear();
    }

    private static void bindAll(PreparedStatement statement, Write write) throws SQLException {
        Object[] parameters = write.parameters();
        for (int i = 0; i < parameters.length; i++) {
            int index = i + 1;
            Object value = parameters[i];
            if (value instanceof Instant instant) {
                statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else if (value == null) {
                // the column gives the type (both drivers take an untyped null); asking the
                // statement's metadata would cost PostgreSQL a round trip for each null
                statement.setNull(index, Types.NULL);
            } else {
                statement.setObject(index, value);
            }
        }
    }
}

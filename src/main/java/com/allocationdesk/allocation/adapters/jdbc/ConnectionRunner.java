package com.allocationdesk.allocation.adapters.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Runs plain JDBC on the connection of the surrounding unit of work, so what it writes commits or
 * rolls back with the rest, and what it reads includes what the transaction has written.
 */
public interface ConnectionRunner {
    <T> T call(SqlCall<T> work);

    /**
     * Runs {@code work} with a prepared statement for {@code sql}. Preparing is cheap: the pool
     * ({@link Database}) keeps each connection's compiled statements, and closing one returns it
     * there, so a chunk of 500 lines compiles each statement once, not 500 times.
     */
    default <T> T withStatement(String sql, StatementCall<T> work) {
        return call(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                return work.call(statement);
            }
        });
    }

    default void run(SqlWork work) {
        call(connection -> {
            work.execute(connection);
            return null;
        });
    }

    /** JDBC work that returns a result. */
    @FunctionalInterface
    interface SqlCall<T> {
        T call(Connection connection) throws SQLException;
    }

    /** JDBC work on a prepared statement. */
    @FunctionalInterface
    interface StatementCall<T> {
        T call(PreparedStatement statement) throws SQLException;
    }

    /** JDBC work that returns nothing. */
    @FunctionalInterface
    interface SqlWork {
        void execute(Connection connection) throws SQLException;
    }
}

package com.allocationdesk.allocation.adapters.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs plain JDBC on the connection of the surrounding unit of work, so what it writes commits or
 * rolls back with the rest, and what it reads includes what the transaction has written.
 */
public interface ConnectionRunner {
    <T> T call(SqlCall<T> work);

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

    /** JDBC work that returns nothing. */
    @FunctionalInterface
    interface SqlWork {
        void execute(Connection connection) throws SQLException;
    }
}

package com.allocationdesk.allocation.adapters.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements of one unit of work, by SQL text. HSQLDB compiles a statement each time
 * it is prepared, which costs more than running it; a unit of work that writes hundreds of rows
 * prepares each statement once. Closed with the unit of work, before its connection goes back.
 */
public final class StatementCache implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatementCache.class);

    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;

    /** The cached statement for {@code sql} on {@code current}; a different connection starts afresh. */
    public PreparedStatement prepare(Connection current, String sql) throws SQLException {
        if (current != connection) {
            close();
            connection = current;
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = current.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    @Override
    public void close() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                log.debug("Closing a cached statement", e);
            }
        }
        statements.clear();
        connection = null;
    }
}

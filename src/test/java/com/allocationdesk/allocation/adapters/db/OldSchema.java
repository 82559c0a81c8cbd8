package com.allocationdesk.allocation.adapters.db;

import com.allocationdesk.allocation.adapters.jdbc.Migrations;

import org.flywaydb.core.Flyway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * For migration tests: a database as an earlier release left it, migrated only up to
 * {@code version} by Flyway, and raw SQL on its files (the application's URL, no pool).
 */
final class OldSchema {
    private OldSchema() {
    }

    /** Creates the database at {@code db} with the migrations up to {@code version}. */
    static void create(Path db, String version) {
        Flyway.configure().dataSource(HsqldbEngine.url(db), "SA", "").locations(Migrations.Engine.HSQLDB.location())
                .target(version).load().migrate();
    }

    /** Runs each statement on the database's files. */
    static void sql(Path db, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(HsqldbEngine.url(db), "SA", "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}

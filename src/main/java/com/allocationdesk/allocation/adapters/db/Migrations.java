package com.allocationdesk.allocation.adapters.db;

import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.nio.file.Path;
import javax.sql.DataSource;

/** The schema: Flyway's migrations in {@code db/migration}, and how our databases are told from others'. */
final class Migrations {
    /**
     * The highest migration in {@code db/migration}. When the database is already there, start-up
     * skips Flyway, which is slow on a cold JVM (docs/decisions/0010); {@code SchemaVersionTest}
     * fails when a new migration is added without raising this.
     */
    static final int SCHEMA_VERSION = 8;
    /** The script of our version 1 in {@code flyway_schema_history}: what tells our databases from others'. */
    static final String FIRST_MIGRATION = "V1__write_model.sql";

    private Migrations() {
    }

    /** @param installed the version Flyway last installed ({@code HsqldbEngine.ownership}), -1 for a new database */
    static void migrate(DataSource dataSource, Path path, int installed) {
        if (installed == SCHEMA_VERSION) {
            return;
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new DatabaseUnavailable("Cannot use the database " + path
                    + ": it is not an Allocation Desk database, or a newer version wrote it (" + e.getMessage() + ")", e);
        }
    }
}

package com.allocationdesk.allocation.adapters.jdbc;

import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The schema: Flyway's migrations, one folder per database engine ({@code db/migration/hsqldb},
 * {@code db/migration/postgresql}: the same versions and names, each in its engine's SQL), and how
 * our databases are told from others' by Flyway's history. Flyway keys its history by version and
 * checksum, not by folder, so a database migrated from {@code db/migration} before the folders were
 * split is still current.
 */
public final class Migrations {
    /**
     * The highest migration of each folder. When the database is already there, start-up skips
     * Flyway, which is slow on a cold JVM (docs/decisions/0010); {@code SchemaVersionTest} fails when
     * a new migration is added without raising this, or to one engine's folder only.
     */
    public static final int SCHEMA_VERSION = 9;
    /** The script of our version 1 in {@code flyway_schema_history}: what tells our databases from others'. */
    public static final String FIRST_MIGRATION = "V1__write_model.sql";

    /** An engine and the folder of its migrations. */
    public enum Engine {
        HSQLDB("hsqldb"), POSTGRESQL("postgresql");

        private final String folder;

        Engine(String folder) {
            this.folder = folder;
        }

        /** The class-path folder of this engine's migrations. */
        public String location() {
            return "classpath:db/migration/" + folder;
        }
    }

    /**
     * Whose database this is.
     *
     * @param schemaVersion the version Flyway last installed, -1 for a new (empty) database
     * @param foreign       what shows it is someone else's, or null when it is ours or new
     */
    public record Ownership(int schemaVersion, String foreign) {
        /** Whether the database is neither ours nor new. */
        public boolean isForeign() {
            return foreign != null;
        }

        /** The refusal of a foreign database, named {@code name}. */
        public DatabaseUnavailable refusal(String name) {
            return new DatabaseUnavailable("Cannot use the database " + name
                    + ": it is not an Allocation Desk database (it holds " + foreign + ")");
        }
    }

    private Migrations() {
    }

    /**
     * Whose database this is, from what its engine's catalogue says and then Flyway's history: no
     * table at all is a new database; ours has Flyway's history (whose version 1 is our first
     * migration). Anything else is another application's database. Reads only.
     *
     * @param statement a statement on the database
     * @param tables    how many tables the catalogue lists (the engine's own schemas left out)
     * @param history   whether one of them is {@code flyway_schema_history}
     * @param example   one of them, by name, for the message
     */
    public static Ownership ownership(Statement statement, long tables, boolean history, String example)
            throws SQLException {
        if (tables == 0) {
            return new Ownership(-1, null);
        }
        if (!history) {
            return new Ownership(-1, tables + " table" + (tables == 1 ? "" : "s") + " of another application, e.g. "
                    + example + ", and no Allocation Desk schema history");
        }
        // A handful of rows (one per migration): read them rather than aggregate in SQL.
        int version = -1;
        boolean ours = true;
        try (ResultSet result = statement.executeQuery(
                "SELECT \"version\", \"script\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
            while (result.next()) {
                int installed = Integer.parseInt(result.getString(1));
                if ("1".equals(result.getString(1))) {
                    ours = FIRST_MIGRATION.equals(result.getString(2));
                }
                if (result.getBoolean(3)) {
                    version = Math.max(version, installed);
                }
            }
        } catch (NumberFormatException e) {
            ours = false;
        }
        return ours ? new Ownership(version, null)
                : new Ownership(version, "the schema history of another application (its version 1 is not "
                + FIRST_MIGRATION + ")");
    }

    /**
     * Brings the schema of the database {@code name} up to {@link #SCHEMA_VERSION} with
     * {@code engine}'s migrations; does nothing when it is there already.
     *
     * @param installed the version Flyway last installed ({@link #ownership}), -1 for a new database
     */
    public static void migrate(DataSource dataSource, Engine engine, String name, int installed) {
        if (installed == SCHEMA_VERSION) {
            return;
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(engine.location())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new DatabaseUnavailable("Cannot use the database " + name
                    + ": it is not an Allocation Desk database, or a newer version wrote it (" + e.getMessage() + ")", e);
        }
    }
}

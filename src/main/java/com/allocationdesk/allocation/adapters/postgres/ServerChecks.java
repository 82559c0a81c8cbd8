package com.allocationdesk.allocation.adapters.postgres;

import com.allocationdesk.allocation.adapters.jdbc.Migrations;
import com.allocationdesk.allocation.adapters.jdbc.Migrations.Ownership;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.postgresql.Driver;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * What {@link PostgresStore#open} checks, on one connection, before anything is written: that the
 * server answers and lets the user in, that the database exists, is ours or empty, that the server
 * is new enough and takes writes, and that the user may create our tables when the schema is
 * behind. Each refusal is one sentence ({@link DatabaseUnavailable}), and nothing on the server
 * changed.
 */
final class ServerChecks {
    /** PostgreSQL 15: the first with {@code MERGE}, which the read-model writer uses. */
    static final int OLDEST_VERSION = 150000;
    private static final String TABLES = """
            SELECT COUNT(*),
                   COUNT(CASE WHEN n.nspname = current_schema() AND c.relname = 'flyway_schema_history' THEN 1 END),
                   MIN(n.nspname || '.' || c.relname)
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'""";

    private ServerChecks() {
    }

    /** One connection outside any pool (a pool would retry a refused login). */
    static Connection connect(ServerAddress address, Properties credentials) {
        try {
            Connection connection = new Driver().connect(address.jdbcUrl(), credentials);
            if (connection == null) {
                throw new DatabaseUnavailable("The PostgreSQL driver does not take the address " + address + ".");
            }
            return connection;
        } catch (SQLException e) {
            throw refusal(address, credentials.getProperty("user"), e);
        }
    }

    /** The sentence for a failed connection, by the server's SQLSTATE or the network's failure. */
    static DatabaseUnavailable refusal(ServerAddress address, String user, SQLException e) {
        String server = "The" + at(address);
        String state = String.valueOf(e.getSQLState());
        String sentence = switch (state) {
            case "28P01", "28000" -> server + " did not let the user " + user
                    + " in: a wrong password, no such role, or not allowed from this computer.";
            case "08004" -> server + " asks a password for the user " + user
                    + " and none was given: put it in ~/.pgpass, or in the file PGPASSFILE names.";
            case "3D000" -> server + " has no database " + address.database()
                    + ": ask its administrator to create it, empty, for the desk.";
            case "57P03" -> server + " is starting up or shutting down: try again in a moment.";
            case "53300" -> server + " has no connection left for the desk (max_connections): try again later,"
                    + " or ask its administrator for more.";
            default -> unreachable(at(address), e);
        };
        return new DatabaseUnavailable(sentence, e);
    }

    /** " PostgreSQL server at host:port", for "The…" and "Cannot reach the…". */
    private static String at(ServerAddress address) {
        return " PostgreSQL server at " + address.host() + ":" + address.port();
    }

    private static String unreachable(String server, SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "Cannot reach the" + server + ": no computer has that name.";
            }
            if (cause instanceof ConnectException) {
                return "Cannot reach the" + server + ": nothing answers there; is the server running,"
                        + " and are the host and port right?";
            }
            if (cause instanceof SocketTimeoutException) {
                return "Cannot reach the" + server + ": it did not answer in time.";
            }
        }
        return "Cannot open a connection to the" + server + " (" + e.getMessage() + ").";
    }

    /** A failure while checking, on a connection that was open: the server went away. */
    static DatabaseUnavailable closing(ServerAddress address, SQLException e) {
        return new DatabaseUnavailable("Lost the connection to the" + at(address) + " while opening the database "
                + address.database() + ": try again.", e);
    }

    /**
     * Refuses a server or database the desk cannot use, reading only.
     *
     * @return the schema version Flyway last installed, -1 for an empty database
     */
    static int refuseWhatIsNotOurs(Connection connection, ServerAddress address, String user) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            refuseAnOldServer(statement, address);
            refuseReadOnly(statement, address, user);
            Ownership ownership = ownership(statement);
            if (ownership.isForeign()) {
                throw ownership.refusal(address.toString());
            }
            if (ownership.schemaVersion() < Migrations.SCHEMA_VERSION) {
                refuseWithoutTheRightToCreate(statement, address, user);
            }
            return ownership.schemaVersion();
        }
    }

    private static void refuseAnOldServer(Statement statement, ServerAddress address) throws SQLException {
        try (ResultSet version = statement.executeQuery(
                "SELECT current_setting('server_version_num')::integer, current_setting('server_version')")) {
            version.next();
            refuseOlderThanSupported(version.getInt(1), version.getString(2), address);
        }
    }

    /** @param number the server's {@code server_version_num} (150004 for 15.4) */
    static void refuseOlderThanSupported(int number, String version, ServerAddress address) {
        if (number < OLDEST_VERSION) {
            throw new DatabaseUnavailable("The" + at(address) + " runs version " + version + ": Allocation Desk needs PostgreSQL 15 or newer.");
        }
    }

    private static void refuseReadOnly(Statement statement, ServerAddress address, String user) throws SQLException {
        boolean standby;
        boolean readOnly;
        try (ResultSet state = statement.executeQuery(
                "SELECT pg_is_in_recovery(), current_setting('transaction_read_only') = 'on'")) {
            state.next();
            standby = state.getBoolean(1);
            readOnly = state.getBoolean(2);
        }
        if (standby) {
            throw new DatabaseUnavailable("The" + at(address) + " is a read-only standby: connect the desk to its primary server.");
        }
        if (readOnly) {
            throw new DatabaseUnavailable("The database " + address + " is read-only for the user " + user
                    + " (default_transaction_read_only is on): the desk needs to write to it.");
        }
    }

    private static Ownership ownership(Statement statement) throws SQLException {
        long tables;
        boolean history;
        String example;
        try (ResultSet result = statement.executeQuery(TABLES)) {
            result.next();
            tables = result.getLong(1);
            history = result.getLong(2) > 0;
            example = result.getString(3);
        }
        return Migrations.ownership(statement, tables, history, example);
    }

    private static void refuseWithoutTheRightToCreate(Statement statement, ServerAddress address, String user)
            throws SQLException {
        String schema;
        boolean mayCreate;
        try (ResultSet right = statement.executeQuery("SELECT current_schema(),"
                + " current_schema() IS NOT NULL AND has_schema_privilege(current_schema(), 'CREATE')")) {
            right.next();
            schema = right.getString(1);
            mayCreate = right.getBoolean(2);
        }
        if (!mayCreate) {
            throw new DatabaseUnavailable("The user " + user + " may not create tables in the database " + address
                    + (schema == null ? "" : " (schema " + schema + ")")
                    + ": ask the server's administrator to make " + user + " the database's owner.");
        }
    }
}

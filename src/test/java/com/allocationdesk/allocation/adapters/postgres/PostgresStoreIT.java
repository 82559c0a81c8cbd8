package com.allocationdesk.allocation.adapters.postgres;

import com.allocationdesk.allocation.adapters.jdbc.Migrations;
import com.allocationdesk.allocation.reliability.Tables;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static com.allocationdesk.allocation.adapters.postgres.PostgresTestServer.PASSWORD;
import static com.allocationdesk.allocation.adapters.postgres.PostgresTestServer.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Opening a database on the PostgreSQL test server: what is refused, in one sentence, before
 * anything on the server changed; and what opens.
 */
class PostgresStoreIT {
    private static final String TABLES = "SELECT table_schema || '.' || table_name FROM information_schema.tables"
            + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1";
    private final PostgresTestServer server = PostgresTestServer.get();

    @TempDir
    Path folder;

    @Test
    void anEmptyDatabaseIsMigratedAndOpensAgainAsItIs() {
        ServerAddress address = PostgresTestServer.newDatabase("fresh");
        try (PostgresStore store = PostgresStore.open(address, USER, PASSWORD)) {
            assertThat(store.name()).isEqualTo("postgresql://localhost:" + server.port() + "/" + address.database());
        }
        List<List<Object>> history = rows(address, "SELECT \"version\", \"checksum\" FROM \"flyway_schema_history\" ORDER BY 1");

        PostgresStore.open(address, USER, PASSWORD).close();

        assertThat(history).hasSize(Migrations.SCHEMA_VERSION);
        assertThat(rows(address, "SELECT \"version\", \"checksum\" FROM \"flyway_schema_history\" ORDER BY 1")).isEqualTo(history);
    }

    @Test
    void nothingAnsweringAtThePortIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> PostgresStore.open(new ServerAddress("localhost", closed, "desk"), USER, PASSWORD))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessage("Cannot reach the PostgreSQL server at localhost:" + closed
                        + ": nothing answers there; is the server running, and are the host and port right?");
    }

    @Test
    void anUnknownHostIsUnreachable() {
        assertThatThrownBy(() -> PostgresStore.open(new ServerAddress("no-such-host.invalid", 5432, "desk"), USER, PASSWORD))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessage("Cannot reach the PostgreSQL server at no-such-host.invalid:5432: no computer has that name.");
    }

    @Test
    void aWrongPasswordOrAnUnknownRoleIsNotLetIn() {
        ServerAddress address = PostgresTestServer.newDatabase("credentials");
        String refused = "The PostgreSQL server at localhost:" + server.port() + " did not let the user %s in:"
                + " a wrong password, no such role, or not allowed from this computer.";

        assertThatThrownBy(() -> PostgresStore.open(address, USER, "not-the-password"))
                .isInstanceOf(DatabaseUnavailable.class).hasMessage(refused, USER);
        assertThatThrownBy(() -> PostgresStore.open(address, "stranger", PASSWORD))
                .isInstanceOf(DatabaseUnavailable.class).hasMessage(refused, "stranger");
        assertThat(rows(address, TABLES)).isEmpty();
    }

    @Test
    void withoutAPasswordTheDriverReadsThePasswordFileAndSaysSoWhenItHasNone() throws IOException {
        ServerAddress address = PostgresTestServer.newDatabase("pgpass");
        Path empty = passwordFile("empty", "");
        Path file = passwordFile("pgpass", "localhost:" + server.port() + ":" + address.database() + ":" + USER + ":" + PASSWORD + "\n");
        String before = System.getProperty("org.postgresql.pgpassfile");
        try {
            System.setProperty("org.postgresql.pgpassfile", empty.toString());
            assertThatThrownBy(() -> PostgresStore.open(address, USER, null))
                    .isInstanceOf(DatabaseUnavailable.class)
                    .hasMessage("The PostgreSQL server at localhost:" + server.port() + " asks a password for the user "
                            + USER + " and none was given: put it in ~/.pgpass, or in the file PGPASSFILE names.");

            System.setProperty("org.postgresql.pgpassfile", file.toString());
            PostgresStore.open(address, USER, null).close();
        } finally {
            if (before == null) {
                System.clearProperty("org.postgresql.pgpassfile");
            } else {
                System.setProperty("org.postgresql.pgpassfile", before);
            }
        }
        assertThat(rows(address, TABLES)).contains(List.of("public.flyway_schema_history"), List.of("public.event_log"));
    }

    @Test
    void aDatabaseThatDoesNotExistIsNotCreated() {
        ServerAddress missing = new ServerAddress("localhost", server.port(), "no_such_desk");

        assertThatThrownBy(() -> PostgresStore.open(missing, USER, PASSWORD))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessage("The PostgreSQL server at localhost:" + server.port()
                        + " has no database no_such_desk: ask its administrator to create it, empty, for the desk.");
        assertThat(rows(new ServerAddress("localhost", server.port(), "postgres"),
                "SELECT datname FROM pg_database WHERE datname = 'no_such_desk'")).isEmpty();
    }

    @Test
    void anotherApplicationsDatabaseIsRefusedAndLeftAsItWas() {
        ServerAddress address = PostgresTestServer.newDatabase("foreign");
        server.sql(address.database(), "CREATE TABLE accounts (id INTEGER PRIMARY KEY)", "INSERT INTO accounts VALUES (7)");

        assertThatThrownBy(() -> PostgresStore.open(address, USER, PASSWORD))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessage("Cannot use the database " + address + ": it is not an Allocation Desk database (it holds"
                        + " 1 table of another application, e.g. public.accounts, and no Allocation Desk schema history)");
        assertThat(rows(address, TABLES)).containsExactly(List.of("public.accounts"));
        assertThat(rows(address, "SELECT id FROM accounts")).containsExactly(List.of(7));
    }

    @Test
    void aDatabaseTheUserMayOnlyReadIsRefusedUntouched() {
        ServerAddress address = PostgresTestServer.newDatabase("read_only");
        server.sql("postgres", "ALTER DATABASE " + address.database() + " SET default_transaction_read_only = on");

        assertThatThrownBy(() -> PostgresStore.open(address, USER, PASSWORD))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessage("The database " + address + " is read-only for the user " + USER
                        + " (default_transaction_read_only is on): the desk needs to write to it.");
        assertThat(rows(address, TABLES)).isEmpty();
    }

    @Test
    void aUserWhoMayNotCreateTablesIsRefusedBeforeMigrating() {
        ServerAddress address = PostgresTestServer.newDatabase("no_create");
        String reader = "reader_" + address.database();
        server.sql("postgres", "CREATE ROLE " + reader + " LOGIN PASSWORD 'reader-password'");

        assertThatThrownBy(() -> PostgresStore.open(address, reader, "reader-password"))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessage("The user " + reader + " may not create tables in the database " + address
                        + " (schema public): ask the server's administrator to make " + reader + " the database's owner.");
        assertThat(rows(address, TABLES)).isEmpty();
    }

    @Test
    void aServerOlderThanPostgresql15IsRefused() {
        ServerAddress address = new ServerAddress("db", 5432, "desk");

        assertThatThrownBy(() -> ServerChecks.refuseOlderThanSupported(140011, "14.11", address))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessage("The PostgreSQL server at db:5432 runs version 14.11: Allocation Desk needs PostgreSQL 15 or newer.");
        ServerChecks.refuseOlderThanSupported(150000, "15.0", address);
        assertThat(rows(new ServerAddress("localhost", server.port(), "postgres"),
                "SELECT current_setting('server_version_num')::integer >= " + ServerChecks.OLDEST_VERSION))
                .containsExactly(List.of(true));
    }

    private Path passwordFile(String name, String content) throws IOException {
        Path file = Files.writeString(folder.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private List<List<Object>> rows(ServerAddress address, String sql) {
        return Tables.rows(server.dataSource(address.database()), sql);
    }
}

package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.db.Backups;
import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rolling backups: one per clean close that wrote something, the newest N kept, each a whole database. */
class BackupsIT {
    @TempDir
    Path folder;

    @Test
    void eachCloseAfterAWriteLeavesABackupAndOnlyTheNewestAreKept() throws Exception {
        Path path = folder.resolve("desk");
        for (int i = 1; i <= 5; i++) {
            try (Database database = Database.open(path, 3)) {
                write(database, "P" + i);
            }
        }
        List<Path> backups = Backups.list(path);
        assertThat(backups).hasSize(3);
        assertThat(backups.get(0).getParent()).isEqualTo(folder.resolve("desk.backups"));
        assertThat(backups).isSortedAccordingTo((a, b) -> b.getFileName().compareTo(a.getFileName()));
        // the newest holds the last write: open it as a database of its own
        Path newest = backups.get(0).resolve("desk");
        try (Database copy = Database.open(newest, 0)) {
            assertThat(products(copy)).containsExactly("P1", "P2", "P3", "P4", "P5");
        }
        try (Database copy = Database.open(backups.get(2).resolve("desk"), 0)) {
            assertThat(products(copy)).containsExactly("P1", "P2", "P3");
        }
    }

    @Test
    void aSessionThatOnlyReadsMakesNoBackup() throws Exception {
        Path path = folder.resolve("desk");
        try (Database database = Database.open(path, 3)) {
            write(database, "P1");
        }
        assertThat(Backups.list(path)).hasSize(1);
        try (Database database = Database.open(path, 3)) {
            assertThat(products(database)).containsExactly("P1");
        }
        assertThat(Backups.list(path)).hasSize(1);
    }

    @Test
    void noBackupsWhenKeepIsZero() throws Exception {
        Path path = folder.resolve("desk");
        try (Database database = Database.open(path, 0)) {
            write(database, "P1");
        }
        assertThat(Backups.list(path)).isEmpty();
        assertThat(folder.resolve("desk.backups")).doesNotExist();
    }

    @Test
    void anUnfinishedBackupIsNeitherListedNorKept() throws Exception {
        Path path = folder.resolve("desk");
        Path partial = Files.createDirectories(folder.resolve("desk.backups").resolve("desk-20200101-000000-000.partial"));
        Files.writeString(partial.resolve("desk.script"), "half");
        Files.writeString(partial.resolve("desk.properties"), "half");
        assertThat(Backups.list(path)).isEmpty();
        try (Database database = Database.open(path, 3)) {
            write(database, "P1");
        }
        assertThat(Backups.list(path)).hasSize(1);
        assertThat(partial).doesNotExist();
    }

    @Test
    void howManyToKeepComesFromTheEnvironment() {
        assertThat(Backups.keep(Map.of())).isEqualTo(Backups.DEFAULT_KEEP);
        assertThat(Backups.keep(Map.of(Backups.KEEP_VARIABLE, " 12 "))).isEqualTo(12);
        assertThat(Backups.keep(Map.of(Backups.KEEP_VARIABLE, "0"))).isZero();
        assertThatThrownBy(() -> Backups.keep(Map.of(Backups.KEEP_VARIABLE, "lots")))
                .isInstanceOf(DatabaseUnavailable.class).hasMessageContaining("ALLOCATION_DESK_BACKUPS must be");
        assertThatThrownBy(() -> Backups.keep(Map.of(Backups.KEEP_VARIABLE, "-1")))
                .isInstanceOf(DatabaseUnavailable.class);
    }

    private static void write(Database database, String sku) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO products VALUES ('" + sku + "', 0, 0)");
        }
    }

    private static List<String> products(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT sku FROM products ORDER BY sku")) {
            List<String> skus = new java.util.ArrayList<>();
            while (rows.next()) {
                skus.add(rows.getString(1));
            }
            return skus;
        }
    }
}

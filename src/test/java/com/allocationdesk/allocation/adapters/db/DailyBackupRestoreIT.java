package com.allocationdesk.allocation.adapters.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A daily backup is HSQLDB's online {@code NOT BLOCKING} backup: what was committed since the last
 * checkpoint is in the backup's {@code .log}, so restoring it must bring the log too, or those
 * commits are lost.
 */
class DailyBackupRestoreIT {
    @TempDir
    Path dir;

    @Test
    void restoringADailyBackupKeepsWhatWasCommittedSinceTheLastCheckpoint() throws Exception {
        Path db = dir.resolve("desk");
        try (Database database = Database.open(db)) {
            database.noBackupAtClose();
            write(database, "BEFORE-CHECKPOINT");
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
            write(database, "AFTER-CHECKPOINT");
            Backups.take(database.dataSource(), db, 7, () -> true);
            write(database, "AFTER-BACKUP");
        }
        Path backup = Backups.newest(db).orElseThrow();
        boolean hasLog;
        try (var files = Files.list(backup)) {
            hasLog = files.anyMatch(f -> f.getFileName().toString().endsWith(".log"));
        }

        Backups.restore(db, backup.getFileName().toString());

        try (Database restored = Database.open(db)) {
            restored.noBackupAtClose();
            assertThat(products(restored)).as("backup holds a .log: %s", hasLog)
                    .containsExactly("AFTER-CHECKPOINT", "BEFORE-CHECKPOINT");
        }
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
            List<String> skus = new ArrayList<>();
            while (rows.next()) {
                skus.add(rows.getString(1));
            }
            return skus;
        }
    }
}

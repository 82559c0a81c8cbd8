package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli.Run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check} and {@code restore} on the command line: exit codes, one-line messages, files kept. */
class MaintenanceCliIT {
    @TempDir
    Path folder;

    private Run cli(Path db, String... args) {
        return InProcessCli.onDatabase(db, args);
    }

    @Test
    void checkSaysHealthyWithExitZeroAndListsWhatIsWrongWithExitFour() throws Exception {
        Path db = folder.resolve("desk");
        assertThat(cli(db, "add-batch", "b1", "LAMP", "10").code()).isZero();
        assertThat(cli(db, "allocate", "o1", "LAMP", "3").code()).isZero();

        Run healthy = cli(db, "check");
        assertThat(healthy.code()).as(healthy.err()).isZero();
        assertThat(healthy.out()).contains("is healthy");
        assertThat(healthy.err()).isEmpty();

        // A read table behind the write model, in a way the open-time check does not see (same
        // row count, same keys): the full check compares row by row.
        try (Bootstrap app = Bootstrap.start(new AppConfig(db));
             Connection connection = app.get(DataSource.class).getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE read_batches SET allocated = 0 WHERE reference = 'b1'");
        }
        Run damaged = cli(db, "check");
        assertThat(damaged.code()).isEqualTo(4);
        assertThat(damaged.out()).contains("damaged: allocated units: 3 recorded, 0 shown in the lists")
                .contains("damaged: 1 batches missing from the batches list or shown differently");
        assertThat(damaged.err().lines().count()).as(damaged.err()).isEqualTo(1);
        assertThat(damaged.err()).contains("is damaged (2 problems)").contains(" restore desk-");
    }

    @Test
    void checkAndRestoreAreRefusedWhileTheDatabaseIsOpen() {
        Path db = folder.resolve("desk");
        assertThat(cli(db, "add-batch", "b1", "LAMP", "10").code()).isZero();
        String backup = onlyBackup(db);
        try (Bootstrap app = Bootstrap.start(new AppConfig(db))) {
            Run check = cli(db, "check");
            Run restore = cli(db, "restore", backup);
            assertThat(check.code()).isEqualTo(4);
            assertThat(check.err().strip()).isEqualTo("Allocation Desk is already open on this database: " + db);
            assertThat(restore.code()).isEqualTo(4);
            assertThat(restore.err().strip()).isEqualTo("Allocation Desk is already open on this database: " + db);
        }
        assertThat(cli(db, "batches").out()).contains("b1");
    }

    @Test
    void restorePutsTheBackupBackAndKeepsTheReplacedFiles() throws Exception {
        Path db = folder.resolve("desk");
        assertThat(cli(db, "add-batch", "b1", "LAMP", "10").code()).isZero();
        String backup = onlyBackup(db);
        assertThat(cli(db, "add-batch", "b2", "LAMP", "5").code()).isZero();

        Run restore = cli(db, "restore", backup);

        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.out().strip()).startsWith("Restored " + backup + " into " + db + " and checked it: healthy");
        assertThat(cli(db, "batches").out()).contains("b1").doesNotContain("b2");
        Path aside;
        try (Stream<Path> files = Files.list(folder)) {
            aside = files.filter(p -> p.getFileName().toString().startsWith("desk.replaced-")).findFirst().orElseThrow();
        }
        assertThat(aside.resolve("desk.script")).exists();
        assertThat(aside.resolve("desk.properties")).exists();
        assertThat(restore.out()).contains(aside.toString());
    }

    @Test
    void restoringABackupThatIsNotThereChangesNothing() throws Exception {
        Path db = folder.resolve("desk");
        assertThat(cli(db, "add-batch", "b1", "LAMP", "10").code()).isZero();
        Run restore = cli(db, "restore", "desk-20990101-000000-000");
        assertThat(restore.code()).isEqualTo(4);
        assertThat(restore.err().strip()).startsWith("There is no backup 'desk-20990101-000000-000'");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("desk.replaced-"));
        }
        assertThat(cli(db, "batches").out()).contains("b1");
    }

    @Test
    void checkOnNoDatabaseSaysSo() {
        Run check = cli(folder.resolve("nothing"), "check");
        assertThat(check.code()).isEqualTo(4);
        assertThat(check.err().strip()).isEqualTo("There is no database at " + folder.resolve("nothing"));
        assertThat(folder.resolve("nothing.script")).doesNotExist();
    }

    private static String onlyBackup(Path db) {
        try (Stream<Path> backups = Files.list(db.resolveSibling("desk.backups"))) {
            return backups.map(p -> p.getFileName().toString()).reduce((a, b) -> a.compareTo(b) > 0 ? a : b).orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.Alone;
import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One writer process per database; crashes lose no acknowledged commit and do not lock the planner out. */
@Alone
class LockingIT {
    private static final Logger log = LoggerFactory.getLogger(LockingIT.class);

    @TempDir
    Path folder;

    @Test
    void aSecondOpenInTheSameProcessIsRefusedAtOnce() {
        Path path = folder.resolve("desk");
        try (Database first = Database.open(path)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> Database.open(path))
                    .isInstanceOf(DatabaseUnavailable.class)
                    .hasMessage("Allocation Desk is already open on this database: " + path);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
        Database.open(path).close();
    }

    @Test
    @Timeout(120)
    void anotherProcessIsRefusedAndAKilledOneLosesNoCommitAndFreesTheDatabaseQuickly() throws Exception {
        Path path = folder.resolve("desk");
        Path ready = folder.resolve("ready");
        Process holder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                DatabaseHolder.class.getName(), path.toString(), ready.toString())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("holder.out").toFile())
                .start();
        try {
            awaitFile(ready, holder);

            long start = System.nanoTime();
            assertThatThrownBy(() -> Database.open(path))
                    .isInstanceOf(DatabaseUnavailable.class)
                    .hasMessage("Allocation Desk is already open on this database: " + path);
            Duration refusal = Duration.ofNanos(System.nanoTime() - start);
            assertThat(refusal).isLessThan(Duration.ofSeconds(2));

            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no SHUTDOWN
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

            start = System.nanoTime();
            try (Database reopened = Database.open(path)) {
                Duration reopen = Duration.ofNanos(System.nanoTime() - start);
                log.info("Refused the second process in {} ms; reopened after kill -9 in {} ms",
                        refusal.toMillis(), reopen.toMillis());
                assertThat(reopen).isLessThan(Duration.ofSeconds(3));
                assertThat(TestData.number(reopened, "SELECT COUNT(*) FROM batches WHERE reference = 'b1'"))
                        .as("the commit acknowledged before the kill").isEqualTo(1);
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefused() throws IOException {
        Path file = Files.writeString(folder.resolve("notes.txt"), "shopping list");

        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessageContaining("is an existing file, not an Allocation Desk database");
        assertThat(Files.readString(file)).isEqualTo("shopping list");
    }

    @Test
    void damagedDatabaseFilesAreRefused() throws IOException {
        Path path = folder.resolve("desk");
        Files.writeString(folder.resolve("desk.script"), "this is not SQL at all\n");
        Files.writeString(folder.resolve("desk.properties"), "version=2.7.4\nmodified=no\n");

        assertThatThrownBy(() -> Database.open(path))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessageContaining("Cannot open the database " + path);
        assertThat(Files.readString(folder.resolve("desk.script"))).isEqualTo("this is not SQL at all\n");
    }

    @Test
    void aForeignDatabaseIsRefused() throws Exception {
        Path path = folder.resolve("other");
        try (var connection = java.sql.DriverManager.getConnection("jdbc:hsqldb:file:" + path + ";shutdown=true", "SA", "");
             var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE accounts (id INT PRIMARY KEY)");
        }

        assertThatThrownBy(() -> Database.open(path))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessageContaining("not an Allocation Desk database");
    }

    private static void awaitFile(Path file, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            assertThat(process.isAlive()).as("holder process died; see holder.out").isTrue();
            assertThat(System.nanoTime()).as("holder process never got ready").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}

package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.entrypoints.cli.InProcessCli.Run;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Disk trouble (issue 6, reliability 6), through the command line in process: a read-only data
 * folder, and database files that are not a database. Each must end with exit code 4, one clear
 * line on stderr, and every file in the folder byte for byte as before (nothing half-written).
 * <p>
 * Read-only as root: the tests run as root, for whom {@code chmod} and {@code setWritable(false)}
 * change nothing. We make the folder and its files immutable with {@code chattr +i} instead (ext4
 * honours it even for root), and undo it afterwards. Where that is not possible the read-only
 * tests are skipped with the reason, not passed.
 */
@Timeout(300)
class DiskTroubleIT {
    private static final String NAME = "disk trouble";

    @TempDir
    Path dir;

    private Run cli(Path db, String... args) {
        return InProcessCli.onDatabase(db, args);
    }

    private static void assertClearRefusal(Run run, String expected) {
        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isEqualTo(4);
        assertThat(run.err()).contains(expected).doesNotContain("\tat ")
                .as("no class name: %s", run.err()).doesNotContainPattern("\\b(java|javax|org)\\.[a-z]+\\.");
        assertThat(run.err().lines().count()).as("one line: %s", run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anExistingDatabaseInAReadOnlyFolderIsRefusedAndLeftAsItWas() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("data"));
        Path db = folder.resolve("desk");
        assertThat(cli(db, "add-batch", "b1", "LAMP", "10").code()).isZero();
        Map<String, String> before = files(folder);
        readOnly(folder, true);
        Run read;
        Run write;
        try {
            read = cli(db, "batches");
            write = cli(db, "add-batch", "b2", "LAMP", "5");
        } finally {
            readOnly(folder, false);
        }
        Figures.report(NAME, "read-only folder, existing database: batches", "exit " + read.code() + ": " + read.err().strip());
        Figures.report(NAME, "read-only folder, existing database: add-batch", "exit " + write.code() + ": " + write.err().strip());
        assertClearRefusal(read, "Cannot write to the database folder");
        assertClearRefusal(write, "Cannot write to the database folder");
        assertThat(files(folder)).as("every file byte for byte").isEqualTo(before);
        assertThat(cli(db, "batches", "--json").out()).contains("\"ref\":\"b1\"").doesNotContain("b2");
    }

    @Test
    void aNewDatabaseInAReadOnlyFolderIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("empty"));
        readOnly(folder, true);
        Run run;
        try {
            run = cli(folder.resolve("desk"), "add-batch", "b1", "LAMP", "10");
        } finally {
            readOnly(folder, false);
        }
        Figures.report(NAME, "read-only folder, new database", "exit " + run.code() + ": " + run.err().strip());
        assertClearRefusal(run, "Cannot write to the database folder");
        assertThat(files(folder)).isEmpty();
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndUntouched() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "shopping list\n");
        Map<String, String> before = files(dir);

        Run run = cli(notes, "batches");

        Figures.report(NAME, "--db names a text file", "exit " + run.code() + ": " + run.err().strip());
        assertClearRefusal(run, "not an Allocation Desk database");
        assertThat(files(dir)).isEqualTo(before);
    }

    @Test
    void damagedDatabaseFilesAreRefusedAndUntouched() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("damaged"));
        Files.writeString(folder.resolve("desk.script"), "this is not SQL at all\n");
        Files.writeString(folder.resolve("desk.properties"), "version=2.7.4\nmodified=no\n");
        Map<String, String> before = files(folder);

        Run run = cli(folder.resolve("desk"), "add-batch", "b1", "LAMP", "10");

        Map<String, String> after = files(folder);
        Figures.report(NAME, "damaged .script", "exit " + run.code() + ": " + run.err().strip());
        Figures.report(NAME, "damaged .script: files added", after.keySet().stream().filter(f -> !before.containsKey(f)).toList());
        assertClearRefusal(run, "Cannot open the database");
        before.forEach((file, sum) -> assertThat(after.get(file)).as(file).isEqualTo(sum));
        // our own (empty) lock file may stay behind; nothing else may appear
        assertThat(after.keySet()).allMatch(f -> before.containsKey(f) || f.equals("desk.app.lock"));
    }

    @Test
    void aForeignDatabaseIsRefusedAndUntouched() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("foreign"));
        Path other = folder.resolve("accounts");
        try (var connection = java.sql.DriverManager.getConnection("jdbc:hsqldb:file:" + other + ";shutdown=true", "SA", "");
             var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20))");
            statement.execute("INSERT INTO accounts VALUES (1, 'someone')");
        }
        Map<String, String> before = files(folder);

        Run run = cli(other, "add-batch", "b1", "LAMP", "10");

        Map<String, String> after = files(folder);
        Figures.report(NAME, "foreign HSQLDB database", "exit " + run.code() + ": " + run.err().strip());
        List<String> changed = after.entrySet().stream()
                .filter(e -> !e.getValue().equals(before.get(e.getKey()))).map(Map.Entry::getKey).toList();
        Figures.report(NAME, "foreign HSQLDB database: files changed or added", changed);
        assertClearRefusal(run, "not an Allocation Desk database");
        // Database.connect checks whose database it is before changing any setting, and closes a
        // foreign one without a checkpoint: nothing of it is rewritten, only our empty lock file is added.
        assertThat(changed).as("files of the foreign database changed or added").allMatch(f -> f.endsWith(".app.lock"));
        try (var connection = java.sql.DriverManager.getConnection("jdbc:hsqldb:file:" + other + ";shutdown=true", "SA", "");
             var statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'PUBLIC'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("tables in the foreign database: ours were not added").isEqualTo(1);
        }
    }

    /** Makes the folder and everything in it immutable (or mutable again); skips the test if impossible. */
    private static void readOnly(Path folder, boolean on) throws Exception {
        List<Path> all;
        try (Stream<Path> files = Files.walk(folder)) {
            all = files.toList();
        }
        for (Path p : all) {
            Process chattr;
            try {
                chattr = new ProcessBuilder("chattr", on ? "+i" : "-i", p.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                assumeTrue(false, "chattr is not available: cannot make a folder read-only for root here");
                return;
            }
            boolean done = chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0;
            assumeTrue(done || !on, "chattr +i failed (" + new String(chattr.getInputStream().readAllBytes()).strip()
                    + "): cannot make a folder read-only for root on this file system");
        }
        if (on) {
            boolean writable;
            try {
                Files.delete(Files.createFile(folder.resolve("probe")));
                writable = true;
            } catch (IOException e) {
                writable = false;
            }
            if (writable) {
                readOnly(folder, false);
            }
            assumeTrue(!writable, "the folder is still writable after chattr +i");
        }
    }

    private static Map<String, String> files(Path folder) throws IOException {
        return FileSums.of(folder);
    }
}

package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli.Run;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A damaged database is told, not used (issue 10, item 5). Each case damages a copy of a small
 * real database the way a disk, a crash or a careless copy would, then runs a command on it
 * through the command line in process. A case passes when the open is refused with one clear
 * line (exit 4, what is wrong, the newest backup and the restore command) and every file is byte
 * for byte as before; or, where HSQLDB truly recovers everything the files hold, when it opens
 * with all of it and {@code check} finds it healthy. Opened with data silently missing: never.
 * <p>
 * Two starting points: a database shut down cleanly (opened once, checked on its first
 * connection), and one left as by a crash (a {@code .log} with two committed batches to replay:
 * checked first on a read-only open, {@code DamageDetector.probe}).
 */
@Timeout(600)
class DamagedDatabaseIT {
    private static final String NAME = "damaged database";
    /** The batches of the clean template, as {@code batches --json} shows them. */
    private static final List<String> CLEAN_BATCHES = List.of("b1", "b2");
    /** The crashed template has two more, only in its .log. */
    private static final List<String> CRASHED_BATCHES = List.of("b1", "b2", "b3", "b4");

    @TempDir
    static Path templates;
    private static Path clean;
    private static Path crashed;
    private static final List<String> outcomes = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void makeTemplates() throws Exception {
        clean = Files.createDirectories(templates.resolve("clean")).resolve("desk");
        assertThat(cli(clean, "add-batch", "b1", "LAMP", "10").code()).isZero();
        assertThat(cli(clean, "add-batch", "b2", "LAMP", "5", "--eta", "2030-01-15").code()).isZero();
        assertThat(cli(clean, "allocate", "o1", "LAMP", "3").code()).isZero();
        assertThat(cli(clean, "allocate", "o2", "LAMP", "30").code()).isEqualTo(3);
        crashed = Files.createDirectories(templates.resolve("crashed")).resolve("desk");
        copyFolder(clean.getParent(), crashed.getParent());
        // Two committed batches (write model and read table alike), then a shutdown without a
        // checkpoint: what a kill -9 leaves, a .log to replay.
        try (Connection connection = DriverManager.getConnection(
                "jdbc:hsqldb:file:" + crashed + ";shutdown=false;hsqldb.lock_file=false", "SA", "");
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String batch : List.of("b3", "b4")) {
                // one transaction per batch, as a command writes: the write model and its read table
                statement.execute("INSERT INTO batches VALUES ('" + batch + "', 'LAMP', 7, 0, NULL)");
                statement.execute("INSERT INTO read_batches (reference, sku, eta, purchased, allocated)"
                        + " VALUES ('" + batch + "', 'LAMP', NULL, 7, 0)");
                connection.commit();
            }
            statement.execute("SHUTDOWN IMMEDIATELY");
        }
        assertThat(Files.size(sibling(crashed, ".log"))).as("the crash left a log").isPositive();
    }

    // --- the clean database ---------------------------------------------------------------

    @Test
    void aScriptWithoutTheLineThatLocatesTheBatchesIsRefused() throws Exception {
        Path db = copy(clean);
        editScript(db, lines -> lines.filter(l -> !l.startsWith("SET TABLE PUBLIC.BATCHES INDEX")));
        assertRefusedUntouched("clean, .script without SET TABLE BATCHES INDEX", db, "batches: 0 recorded, 2 shown");
    }

    @Test
    void aScriptWithoutTheLineThatLocatesTheAllocatedLinesIsRefused() throws Exception {
        Path db = copy(clean);
        editScript(db, lines -> lines.filter(l -> !l.startsWith("SET TABLE PUBLIC.ALLOCATIONS INDEX")));
        assertRefusedUntouched("clean, .script without SET TABLE ALLOCATIONS INDEX", db, "allocated lines: 0 recorded, 1 shown");
    }

    @Test
    void aScriptWithoutTheLineThatLocatesTheBatchesListIsRefused() throws Exception {
        Path db = copy(clean);
        editScript(db, lines -> lines.filter(l -> !l.startsWith("SET TABLE PUBLIC.READ_BATCHES INDEX")));
        assertRefusedUntouched("clean, .script without SET TABLE READ_BATCHES INDEX", db, "batches: 2 recorded, 0 shown");
    }

    @Test
    void whenOnlyTheListsAreBehindTheRefusalOffersRebuildViewsWhichRepairsThem() throws Exception {
        Path db = copy(clean);
        editScript(db, lines -> lines.filter(l -> !l.startsWith("SET TABLE PUBLIC.READ_BATCHES INDEX")));
        Run refused = cli(db, "batches");
        assertThat(refused.code()).isEqualTo(4);
        assertThat(refused.err()).contains("The stock records add up by themselves")
                .contains("allocation-desk --db " + db + " rebuild-views");

        assertThat(cli(db, "rebuild-views").code()).isZero();

        assertThat(batches(db)).isEqualTo(CLEAN_BATCHES);
        assertThat(cli(db, "check").code()).isZero();
    }

    @Test
    void whenTheStockRecordsLostRowsTheRefusalDoesNotOfferRebuildViews() throws Exception {
        Path db = copy(clean);
        editScript(db, lines -> lines.filter(l -> !l.startsWith("SET TABLE PUBLIC.BATCHES INDEX")));
        Run refused = cli(db, "batches");
        assertThat(refused.code()).isEqualTo(4);
        assertThat(refused.err()).doesNotContain("rebuild-views").contains(" restore desk-");
    }

    @Test
    void rebuildViewsIsRefusedWhenTheStockRecordsLostRows() throws Exception {
        // Rebuilding the lists from stock records that lost their batches would destroy the evidence.
        Path db = copy(clean);
        editScript(db, lines -> lines.filter(l -> !l.startsWith("SET TABLE PUBLIC.BATCHES INDEX")));
        Map<String, String> before = files(db.getParent());
        Run run = cli(db, "rebuild-views");
        assertThat(run.code()).as(run.err()).isEqualTo(4);
        assertThat(run.err()).contains("is damaged (").contains("allocated lines whose batch is not recorded");
        Map<String, String> after = files(db.getParent());
        after.remove("desk.app.lock");
        before.remove("desk.app.lock");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aScriptWithoutItsInsertLinesOpensWithAllItsData() throws Exception {
        // Our tables are CACHED: their rows live in .data, the .script INSERTs only HSQLDB's own
        // SYSTEM_LOBS rows. Without them HSQLDB opens (we store no LOBs) with every row.
        Path db = copy(clean);
        String before = Files.readString(sibling(db, ".script"));
        editScript(db, lines -> lines.filter(l -> !l.startsWith("INSERT INTO ")));
        assertThat(Files.readString(sibling(db, ".script"))).isNotEqualTo(before);
        assertOpensWithAll("clean, .script without its INSERT lines", db, CLEAN_BATCHES);
    }

    @Test
    void aMissingScriptIsRefused() throws Exception {
        Path db = copy(clean);
        Files.delete(sibling(db, ".script"));
        assertRefusedUntouched("clean, .script missing", db, "damaged");
    }

    // The small database's rows lie in the first ~1.7 kB of its 32 kB .data; the rest is free space.

    @Test
    void aDataFileCutInsideItsRowsIsRefused() throws Exception {
        Path db = copy(clean);
        truncate(sibling(db, ".data"), 1024);
        assertRefusedUntouched("clean, .data cut inside its rows (1 kB)", db, "damaged");
    }

    @Test
    void aDataFileCutAfterItsRowsOpensWithAllItsData() throws Exception {
        Path db = copy(clean);
        truncate(sibling(db, ".data"), 4096);
        assertRefusedOrWhole("clean, .data cut after its rows (4 kB)", db, CLEAN_BATCHES);
    }

    @Test
    void aGarbledDataFileIsRefused() throws Exception {
        Path db = copy(clean);
        Path data = sibling(db, ".data");
        byte[] bytes = Files.readAllBytes(data);
        java.util.Random random = new java.util.Random(10);
        for (int i = 1024; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        Files.write(data, bytes);
        assertRefusedUntouched("clean, .data garbled from 1 kB on", db, "damaged");
    }

    @Test
    void aMissingDataFileIsRefused() throws Exception {
        Path db = copy(clean);
        Files.delete(sibling(db, ".data"));
        assertRefusedUntouched("clean, .data missing", db, "damaged");
    }

    @Test
    void aGarbledPropertiesFileIsRefused() throws Exception {
        Path db = copy(clean);
        Files.writeString(sibling(db, ".properties"), "garbage=%%%\n\u0001\u0002\n");
        assertRefusedUntouched("clean, .properties garbled", db, "damaged");
    }

    @Test
    void aMissingPropertiesFileOpensWithAllItsData() throws Exception {
        // HSQLDB writes a new one; the .script and .data hold everything.
        Path db = copy(clean);
        Files.delete(sibling(db, ".properties"));
        assertOpensWithAll("clean, .properties missing", db, CLEAN_BATCHES);
    }

    // --- the crashed database (a .log to replay) --------------------------------------------

    @Test
    void anIntactLogIsReplayedInFull() throws Exception {
        Path db = copy(crashed);
        assertOpensWithAll("crashed, intact .log (reference)", db, CRASHED_BATCHES);
    }

    @Test
    void aLogWithAnUnreadableLineIsRefused() throws Exception {
        Path db = copy(crashed);
        List<String> lines = logLines(db);
        int victim = lineContaining(lines, "INSERT INTO BATCHES VALUES('b3'");
        lines.set(victim, "\u0001\u0002 not a statement \u0003");
        writeLog(db, lines);
        assertRefusedUntouched("crashed, .log with a garbled line", db, "line " + (victim + 1) + " of its log");
    }

    @Test
    void aLogWithAGarbledRowIsRefused() throws Exception {
        // HSQLDB's log reader accepts this line and inserts a row without a key: caught by the check.
        Path db = copy(crashed);
        List<String> lines = logLines(db);
        lines.set(lineContaining(lines, "INSERT INTO BATCHES VALUES('b3'"), "INSERT INTO BATCHES VALUES(xx#garbage");
        writeLog(db, lines);
        assertRefusedUntouched("crashed, .log with a garbled row", db, "lost their reference");
    }

    @Test
    void aLogCutInsideItsLastLineOpensWithEveryCompleteChange() throws Exception {
        // A cut inside a line is what a crash during a write leaves: HSQLDB ignores the partial
        // line, which was never committed (a commit is synced, whole). Every complete change is kept.
        Path db = copy(crashed);
        List<String> lines = logLines(db);
        int last = lineContaining(lines, "INSERT INTO READ_BATCHES VALUES('b4'");
        String kept = String.join("\n", lines.subList(0, last)) + "\n" + lines.get(last).substring(0, 20);
        Files.writeString(sibling(db, ".log"), kept, StandardCharsets.ISO_8859_1);
        // b4's read-table row is cut off, its transaction uncommitted: b4 is rolled back whole
        assertOpensWithAll("crashed, .log cut inside a line", db, List.of("b1", "b2", "b3"));
    }

    @Test
    void aScriptWithoutTheLineThatLocatesTheBatchesIsRefusedEvenWithALogToReplay() throws Exception {
        Path db = copy(crashed);
        editScript(db, lines -> lines.filter(l -> !l.startsWith("SET TABLE PUBLIC.BATCHES INDEX")));
        assertRefusedUntouched("crashed, .script without SET TABLE BATCHES INDEX", db, "batches: 2 recorded, 4 shown");
    }

    @Test
    void aRefusalNamesTheRestoreCommandAndRestoreBringsTheDatabaseBack() throws Exception {
        Path db = copy(clean);
        editScript(db, lines -> lines.filter(l -> !l.startsWith("SET TABLE PUBLIC.BATCHES INDEX")));
        Run refused = cli(db, "batches");
        String command = refused.err().replaceAll("(?s).*(allocation-desk --db \\S+ restore \\S+);.*", "$1");
        assertThat(command).as(refused.err()).startsWith("allocation-desk --db " + db + " restore desk-");

        Run restore = cli(db, command.substring(command.indexOf("restore")).split(" "));

        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("checked it: healthy");
        assertThat(batches(db)).isEqualTo(CLEAN_BATCHES);
        try (Stream<Path> aside = Files.list(db.getParent())) {
            Path replaced = aside.filter(p -> p.getFileName().toString().startsWith("desk.replaced-")).findFirst().orElseThrow();
            assertThat(Files.readString(replaced.resolve("desk.script"))).doesNotContain("SET TABLE PUBLIC.BATCHES INDEX")
                    .as("the damaged files are kept, not deleted").contains("SET TABLE PUBLIC.ALLOCATIONS INDEX");
        }
    }

    @Test
    void withoutABackupTheRefusalSaysSo() throws Exception {
        Path db = copy(clean);
        deleteFolder(db.resolveSibling("desk.backups"));
        editScript(db, lines -> lines.filter(l -> !l.startsWith("SET TABLE PUBLIC.BATCHES INDEX")));
        Run run = cli(db, "batches");
        assertThat(run.code()).isEqualTo(4);
        assertThat(run.err()).contains("There is no backup of it").contains("check' lists what is wrong");
    }

    // --- helpers ------------------------------------------------------------------------------

    private void assertRefusedUntouched(String label, Path db, String expected) throws IOException {
        Map<String, String> before = files(db.getParent());
        Run run = cli(db, "batches", "--json");
        Map<String, String> after = files(db.getParent());
        List<String> changed = after.keySet().stream()
                .filter(f -> !after.get(f).equals(before.get(f)) && !f.equals("desk.app.lock")).toList();
        List<String> removed = before.keySet().stream().filter(f -> !after.containsKey(f)).toList();
        String outcome = run.code() == 4 ? "refused" : "OPENED (exit " + run.code() + ")";
        Figures.report(NAME, label, outcome + ": " + run.err().strip() + (changed.isEmpty() && removed.isEmpty() ? ""
                : " CHANGED " + changed + " REMOVED " + removed));
        outcomes.add(label + ": " + outcome);
        assertThat(run.code()).as("%s: exit code; out %s; err %s", label, run.out(), run.err()).isEqualTo(4);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().count()).as("one line: %s", run.err()).isEqualTo(1);
        assertThat(run.err()).contains(expected).doesNotContain("\tat ")
                .as("no class name: %s", run.err()).doesNotContainPattern("\\b(java|javax|org)\\.[a-z]+\\.")
                .containsPattern("restore desk-\\d{8}-\\d{6}-\\d{3}");
        assertThat(changed).as("%s: files changed or added", label).isEmpty();
        assertThat(removed).as("%s: files removed", label).isEmpty();
    }

    /** Either outcome is right; opening with something missing is not. */
    private void assertRefusedOrWhole(String label, Path db, List<String> expected) throws IOException {
        Map<String, String> before = files(db.getParent());
        Run run = cli(db, "batches", "--json");
        if (run.code() == 4) {
            Map<String, String> after = files(db.getParent());
            after.remove("desk.app.lock");
            before.remove("desk.app.lock");
            assertThat(after).as("%s: refused, files as before", label).isEqualTo(before);
            assertThat(run.err().lines().count()).isEqualTo(1);
            assertThat(run.err()).containsPattern("restore desk-\\d{8}-\\d{6}-\\d{3}")
                    .doesNotContainPattern("\\b(java|javax|org)\\.[a-z]+\\.");
            Figures.report(NAME, label, "refused: " + run.err().strip());
            outcomes.add(label + ": refused");
        } else {
            assertOpensWithAll(label, db, expected);
        }
    }

    private void assertOpensWithAll(String label, Path db, List<String> expected) {
        List<String> shown = batches(db);
        Run check = cli(db, "check");
        Figures.report(NAME, label, "opened with batches " + shown + "; check: exit " + check.code() + " "
                + (check.out() + check.err()).strip().replace('\n', ' '));
        outcomes.add(label + ": opened");
        assertThat(shown).as(label).isEqualTo(expected);
        assertThat(check.code()).as("%s: check; %s %s", label, check.out(), check.err()).isZero();
    }

    private static List<String> batches(Path db) {
        Run run = cli(db, "batches", "--json");
        assertThat(run.code()).as("batches: %s", run.err()).isZero();
        return Arrays.stream(run.out().split("\"ref\":\"")).skip(1).map(s -> s.substring(0, s.indexOf('"'))).sorted().toList();
    }

    private static Run cli(Path db, String... args) {
        return InProcessCli.onDatabase(db, args);
    }

    private Path copy(Path template) throws IOException {
        Path folder = dir.resolve("case");
        copyFolder(template.getParent(), folder);
        return folder.resolve(template.getFileName());
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().endsWith(".app.lock")) {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void editScript(Path db, java.util.function.UnaryOperator<Stream<String>> edit) throws IOException {
        Path script = sibling(db, ".script");
        List<String> lines;
        try (Stream<String> all = Files.lines(script, StandardCharsets.ISO_8859_1)) {
            lines = edit.apply(all).toList();
        }
        Files.writeString(script, String.join("\n", lines) + "\n", StandardCharsets.ISO_8859_1);
    }

    private static List<String> logLines(Path db) throws IOException {
        return new ArrayList<>(Files.readAllLines(sibling(db, ".log"), StandardCharsets.ISO_8859_1));
    }

    private static void writeLog(Path db, List<String> lines) throws IOException {
        Files.writeString(sibling(db, ".log"), lines.stream().collect(Collectors.joining("\n", "", "\n")),
                StandardCharsets.ISO_8859_1);
    }

    private static int lineContaining(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + text + " in " + lines);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static Path sibling(Path db, String extension) {
        return db.resolveSibling(db.getFileName() + extension);
    }

    private static Map<String, String> files(Path folder) throws IOException {
        return FileSums.of(folder);
    }

    @org.junit.jupiter.api.AfterAll
    static void summary() {
        long refused = outcomes.stream().filter(o -> o.endsWith(": refused")).count();
        long opened = outcomes.stream().filter(o -> o.endsWith(": opened")).count();
        Figures.report(NAME, "cases tried / refused with a clear message / opened with all data / other",
                outcomes.size() + " / " + refused + " / " + opened + " / " + (outcomes.size() - refused - opened));
    }
}

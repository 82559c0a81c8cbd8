package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.entrypoints.Main;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli.Run;
import com.allocationdesk.allocation.reliability.ChildJvm;
import com.allocationdesk.allocation.reliability.Tables;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inbox} end to end (issue 13): the arguments, the lines it prints and its exit codes, in
 * process; {@code --follow} in a child JVM stopped by SIGTERM as a service manager stops it. What
 * happens to each kind of file is {@code inbox.InboxIT}.
 */
class InboxCliIT {
    @TempDir
    Path dir;
    private Path db;
    private Path inbox;
    private Path outbox;

    @BeforeEach
    void folders() throws IOException {
        db = dir.resolve("data").resolve("desk");
        inbox = Files.createDirectories(dir.resolve("inbox"));
        outbox = dir.resolve("outbox");
    }

    @Test
    void withoutAFolderInboxIsRefusedBeforeTheDatabaseIsOpened() {
        assertRefusedBeforeOpening(cli("inbox", "--once"), ExitCode.BAD_INPUT,
                "No inbox folder: pass --inbox DIR or set ALLOCATION_DESK_INBOX=DIR");
    }

    @Test
    void aFolderThatDoesNotExistOrIsAFileIsRefusedBeforeTheDatabaseIsOpened() throws IOException {
        Path missing = dir.resolve("missing");
        assertRefusedBeforeOpening(cli("inbox", "--once", "--inbox", missing.toString()), ExitCode.BAD_INPUT,
                "The inbox folder " + missing + " does not exist or is not a folder; create it first");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertRefusedBeforeOpening(InProcessCli.onDatabase(Map.of("ALLOCATION_DESK_INBOX", file.toString()), db,
                        "inbox", "--follow"), ExitCode.BAD_INPUT,
                "The inbox folder " + file + " does not exist or is not a folder; create it first");
    }

    @Test
    void aSettleTimeThatIsNotWholeSecondsIsRefused() {
        for (String settle : List.of("abc", "-1", "3601", "1.5", "")) {
            Run run = cli("inbox", "--once", "--inbox", inbox.toString(), "--settle", settle);
            assertThat(run.code()).as("--settle '%s': %s", settle, run.err()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(run.err().lines()).as("--settle '%s'", settle).singleElement().satisfies(line -> assertThat(line)
                    .contains(settle.isEmpty() ? "--settle" : "--settle must be a whole number of seconds from 0 to 3600, was '"
                            + settle + "'"));
            assertThat(run.out()).isEmpty();
        }
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void onceTakesEveryGoodFileAndSaysSoLineByLine() throws IOException {
        drop("a-batches.csv", "ref,sku,qty,eta\nwh,LAMP,10,\n");
        drop("b-orders.csv", "orderid,sku,qty\no1,LAMP,3\n");
        drop("c-commands.jsonl", "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"o2\",\"sku\":\"LAMP\",\"quantity\":2}\n"
                + "{\"type\":\"batch.change_quantity\",\"version\":1,\"batch\":\"wh\",\"quantity\":8}\n");

        Run run = ok("inbox", "--once", "--inbox", inbox.toString(), "--settle", "0");

        assertThat(run.outLines()).containsExactly(
                "Took a-batches.csv: Imported 1 batches from " + inbox.resolve("a-batches.csv"),
                "Took b-orders.csv: Imported 1 order lines from " + inbox.resolve("b-orders.csv")
                        + ": 1 allocated, 0 out of stock (waiting)",
                "Took c-commands.jsonl: Took 2 commands from c-commands.jsonl");
        assertThat(run.err()).isEmpty();
        assertThat(ok("allocations", "o1", "--json").out()).contains("\"batchref\":\"wh\"");
        assertThat(ok("allocations", "o2", "--json").out()).contains("\"batchref\":\"wh\"");

        Run again = ok("inbox", "--once", "--inbox", inbox.toString(), "--settle", "0");
        assertThat(again.outLines()).containsExactly("Nothing to take in " + inbox + ".");
    }

    @Test
    void theEnvironmentNamesTheFolderAndTheSameBytesAgainAreAlreadyTaken() throws IOException {
        String commands = "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"o1\",\"sku\":\"LAMP\",\"quantity\":2}\n";
        ok("add-batch", "wh", "LAMP", "10");
        drop("one.jsonl", commands);
        Map<String, String> env = Map.of("ALLOCATION_DESK_INBOX", inbox.toString());
        assertThat(InProcessCli.onDatabase(env, db, "inbox", "--once", "--settle", "0").code()).isZero();
        drop("one-again.jsonl", commands);

        Run again = InProcessCli.onDatabase(env, db, "inbox", "--once", "--settle", "0");

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.outLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("Already taken one-again.jsonl: already taken at ")
                .endsWith(" (the same bytes); nothing was done again"));
    }

    @Test
    void aBadFileIsExitCode2WithItsFailedLineAndTheCommandLinesOwnMessageInItsErrorsFile() throws IOException {
        ok("add-batch", "wh", "LAMP", "10");
        String unknownSku = cli("allocate", "o9", "NOPE", "1").err().strip(); // what the command line says
        assertThat(unknownSku).isEqualTo("Unknown SKU NOPE: add a batch of it first");
        drop("a-good.jsonl", "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"o1\",\"sku\":\"LAMP\",\"quantity\":2}\n");
        drop("b-bad.jsonl", "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"o2\",\"sku\":\"LAMP\",\"quantity\":1}\n"
                + "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"o3\",\"sku\":\"NOPE\",\"quantity\":1}\n");

        Run run = cli("inbox", "--once", "--inbox", inbox.toString(), "--settle", "0");

        assertThat(run.code()).as(run.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.outLines()).containsExactly("Took a-good.jsonl: Took 1 commands from a-good.jsonl",
                "Failed b-bad.jsonl: 1 bad line in b-bad.jsonl; nothing of it was applied (see " + inbox.resolve("failed") + ")");
        assertThat(run.err()).isEmpty();
        assertThat(Files.readAllLines(inbox.resolve("failed").resolve("b-bad.jsonl.errors.txt"))).containsExactly(
                "b-bad.jsonl was not taken: 1 bad line in b-bad.jsonl; nothing of it was applied", "line 2: " + unknownSku);
        assertThat(ok("allocations", "o1", "--json").out()).contains("\"batchref\":\"wh\"");
        assertThat(ok("allocations", "o2", "--json").out().strip()).isEqualTo("[]");
    }

    @Test
    void aNameOrMessageFromAnotherSystemIsPrintedOnOneLineEscaped() throws IOException {
        ok("add-batch", "wh", "LAMP", "10");
        String name = "new\nline\u001b[2J.jsonl";
        try {
            drop(name, "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"o1\",\"sku\":\"LAMP\",\"quantity\":2}\n");
        } catch (IOException | RuntimeException notAllowedHere) {
            name = "escape\u001b[2J.jsonl";
            drop(name, "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"o1\",\"sku\":\"LAMP\",\"quantity\":2}\n");
        }
        String shown = name.replace("\n", "\\u000A").replace("\u001b", "\\u001B");

        Run run = ok("inbox", "--once", "--inbox", inbox.toString(), "--settle", "0");

        assertThat(run.outLines()).containsExactly("Took " + shown + ": Took 1 commands from " + shown);
    }

    @Test
    void onceWaitsForAFileStillBeingWrittenToSettle() throws IOException {
        ok("add-batch", "wh", "LAMP", "10");
        Path file = drop("late.jsonl", "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"o1\",\"sku\":\"LAMP\",\"quantity\":2}\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));

        long started = System.nanoTime();
        Run run = ok("inbox", "--once", "--inbox", inbox.toString(), "--settle", "1");

        assertThat(run.outLines()).containsExactly("Took late.jsonl: Took 1 commands from late.jsonl");
        assertThat(System.nanoTime() - started).as("it waited for the settle time").isGreaterThan(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void aFolderItCannotMoveFilesIntoIsExitCode4AndTheFileStays() throws Exception {
        ok("add-batch", "wh", "LAMP", "10");
        Path inTheWay = Files.writeString(inbox.resolve("processed"), "in the way");
        Files.setLastModifiedTime(inTheWay, FileTime.from(Instant.now().minusSeconds(60)));
        drop("one.jsonl", "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"o1\",\"sku\":\"LAMP\",\"quantity\":2}\n");

        Run run = cli("inbox", "--once", "--inbox", inbox.toString(), "--settle", "0");

        String problem = "Cannot move one.jsonl into " + inTheWay + " (a file of that name is in the way);"
                + " it stays in the inbox and is not taken twice";
        assertThat(run.code()).isEqualTo(ExitCode.DATABASE_UNAVAILABLE);
        assertThat(run.err().strip()).isEqualTo(problem);
        assertThat(run.outLines()).containsExactly("Left one.jsonl: " + problem);
        assertThat(inbox.resolve("one.jsonl")).exists();

        Files.delete(inTheWay);
        Run next = ok("inbox", "--once", "--inbox", inbox.toString(), "--settle", "0");
        assertThat(next.outLines()).singleElement().satisfies(line -> assertThat(line).startsWith("Already taken one.jsonl: "));
        assertThat(events()).as("allocated once").isEqualTo(2); // batch.created, line.allocated
    }

    /**
     * {@code inbox --follow} as a service runs it: a child JVM, a file dropped the way a sender
     * should (a temporary name, then a rename), taken within a few seconds, then SIGTERM: the pass
     * in hand finishes, the database is shut down, and the next process opens it without recovery.
     */
    @Test
    void followTakesFilesAsTheyComeAndStopsCleanlyOnSigterm() throws Exception {
        ok("add-batch", "wh", "LAMP", "10");
        Path logs = dir.resolve("logs");
        Path childOut = dir.resolve("child.out"); // a file, not a pipe: nothing is lost when the child ends
        Process child = ChildJvm.builder(Main.class, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
                        "-Dlogback.configurationFile=logback.xml", "-Dallocationdesk.logdir=" + logs),
                        "--db", db.toString(), "inbox", "--follow", "--inbox", inbox.toString(), "--settle", "0",
                        "--publish", "--outbox", outbox.toString())
                .redirectOutput(childOut.toFile()).redirectError(dir.resolve("child.err").toFile()).start();
        Callable<List<String>> out = () -> Files.readAllLines(childOut, StandardCharsets.UTF_8);
        try {
            await(() -> out.call().contains("Taking files from " + inbox + " every second, publishing to " + outbox
                    + "; Ctrl+C stops."), child, out);
            Path part = Files.writeString(inbox.resolve("one.jsonl.part"),
                    "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"o1\",\"sku\":\"LAMP\",\"quantity\":2}\n");
            Files.setLastModifiedTime(part, FileTime.from(Instant.now().minusSeconds(60)));
            Files.move(part, inbox.resolve("one.jsonl"));
            await(() -> Files.exists(inbox.resolve("processed").resolve("one.jsonl"))
                    && out.call().contains("Took one.jsonl: Took 1 commands from one.jsonl"), child, out);
            Path away = Files.move(inbox, dir.resolve("inbox-away")); // the folder vanishes: told once, retried
            await(() -> out.call().stream().anyMatch(line -> line.startsWith("Inbox: Cannot read the inbox folder "
                    + inbox) && line.endsWith("(trying again every second)")), child, out);
            Files.move(away, inbox);
            Path second = Files.writeString(dir.resolve("two.jsonl"),
                    "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"o2\",\"sku\":\"LAMP\",\"quantity\":1}\n");
            Files.setLastModifiedTime(second, FileTime.from(Instant.now().minusSeconds(60)));
            Files.move(second, inbox.resolve("two.jsonl"));
            await(() -> out.call().contains("Took two.jsonl: Took 1 commands from two.jsonl"), child, out);

            child.destroy(); // SIGTERM
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();

            // a JVM ended by a signal exits 128 + 15 once its shutdown hooks are done, whatever main returns
            assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.err"))).isEqualTo(143);
            assertThat(out.call()).startsWith("Taking files from " + inbox + " every second, publishing to " + outbox
                            + "; Ctrl+C stops.")
                    .contains("Took one.jsonl: Took 1 commands from one.jsonl", "Took two.jsonl: Took 1 commands from two.jsonl")
                    .filteredOn(line -> line.startsWith("Published ")).isNotEmpty();
            assertThat(out.call()).last().isEqualTo("Stopped: 2 files looked at.");
            assertThat(publishedOrders()).as("what it took, published by the same process").containsExactly("o1", "o2");
            assertThat(Files.readString(dir.resolve("child.err"))).isEmpty();
            assertThat(Files.readString(db.resolveSibling("desk.properties"))).contains("modified=no");
            assertThat(db.resolveSibling("desk.log")).doesNotExist();
            assertThat(ok("allocations", "o1", "--json").out()).contains("\"batchref\":\"wh\""); // the next process opens it
            assertThat(Files.readString(logs.resolve("allocation-desk.log"))).contains("Closed database");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void publishAlsoPublishesWhatItTookAndOutboxAloneIsRefused() throws IOException {
        assertRefusedBeforeOpening(InProcessCli.onDatabase(db, "inbox", "--once", "--inbox", inbox.toString(),
                "--outbox", outbox.toString()), ExitCode.BAD_INPUT, "--outbox is the folder of --publish: add --publish, or leave --outbox out");
        ok("add-batch", "wh", "LAMP", "10");
        Path part = Files.writeString(dir.resolve("one.jsonl"),
                "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"o1\",\"sku\":\"LAMP\",\"quantity\":2}\n");
        Files.setLastModifiedTime(part, FileTime.from(Instant.now().minusSeconds(60)));
        Files.move(part, inbox.resolve("one.jsonl"));

        Run run = ok("inbox", "--once", "--inbox", inbox.toString(), "--publish", "--outbox", outbox.toString());

        assertThat(run.outLines()).containsExactly("Took one.jsonl: Took 1 commands from one.jsonl",
                "Published 2 entries in 1 files to " + outbox + " (up to seq 2).");
        assertThat(publishedOrders()).containsExactly("o1");
    }

    // ---------------------------------------------------------------- helpers

    /** The order ids of the line entries in the outbox, in seq order. */
    private List<String> publishedOrders() throws IOException {
        List<String> orders = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(outbox)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("events-")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    java.util.regex.Matcher order = java.util.regex.Pattern.compile("\"order\":\"([^\"]+)\"").matcher(line);
                    if (order.find()) {
                        orders.add(order.group(1));
                    }
                }
            }
        }
        return orders;
    }

    private void assertRefusedBeforeOpening(Run run, int code, String message) {
        assertThat(run.code()).as(run.err()).isEqualTo(code);
        assertThat(run.err().strip()).isEqualTo(message);
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("data")).as("the database was not opened").doesNotExist();
    }

    private Path drop(String name, String content) throws IOException {
        Path file = Files.writeString(inbox.resolve(name), content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        return file;
    }

    private Run cli(String... args) {
        return InProcessCli.onDatabase(db, args);
    }

    private Run ok(String... args) {
        Run run = cli(args);
        assertThat(run.code()).as("exit code of %s; stderr: %s", List.of(args), run.err()).isZero();
        return run;
    }

    private long events() {
        try (Database database = Database.open(db, 0, true)) {
            return Tables.number(database.dataSource(), "SELECT COUNT(*) FROM event_log");
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, Process child, Callable<List<String>> out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            assertThat(child.isAlive()).as("the child died; it printed %s", out.call()).isTrue();
            assertThat(System.nanoTime()).as("waited a minute; the child printed %s", out.call()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}

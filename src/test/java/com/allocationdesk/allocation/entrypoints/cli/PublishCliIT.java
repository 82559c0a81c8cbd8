package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli.Run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code publish} end to end (docs/EVENTS.md "Published: the outbox folder"): real ledger entries
 * written by real commands, real files in a real folder, the progress in the real database.
 */
class PublishCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path db;
    private Path outbox;

    @BeforeEach
    void desk() {
        db = dir.resolve("desk");
        outbox = dir.resolve("outbox");
        ok("add-batch", "wh", "LAMP", "100");
        for (int i = 1; i <= 4; i++) {
            ok("allocate", "ORD-" + i, "LAMP", "1");
        }
    }

    @Test
    void filesAppearCompleteInSequenceOrderWithConsecutiveIdsInTheShapeOfEvents() throws Exception {
        Run run = ok("publish", "--once", "--outbox", outbox.toString(), "--per-file", "2");

        assertThat(run.out().strip()).isEqualTo("Published 5 entries in 3 files to " + outbox + " (up to seq 5).");
        assertThat(names()).containsExactly(
                "events-00000000000000000001-00000000000000000002.jsonl",
                "events-00000000000000000003-00000000000000000004.jsonl",
                "events-00000000000000000005-00000000000000000005.jsonl");
        List<JsonNode> published = lines();
        assertThat(published).extracting(line -> line.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
        for (String name : names()) { // each file holds exactly the range its name says
            List<String> lines = Files.readAllLines(outbox.resolve(name), StandardCharsets.UTF_8);
            assertThat(JSON.readTree(lines.get(0)).get("seq").asLong()).isEqualTo(Long.parseLong(name.substring(7, 27)));
            assertThat(JSON.readTree(lines.get(lines.size() - 1)).get("seq").asLong())
                    .isEqualTo(Long.parseLong(name.substring(28, 48)));
        }
        JsonNode events = JSON.readTree(ok("events", "--after", "0", "--json").out());
        assertThat(events).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(published.get(i)).isEqualTo(events.get(i));
            assertThat(fieldNames(published.get(i)))
                    .containsExactly("seq", "type", "version", "at", "desk", "sku", "order", "batch", "data");
        }
        assertThat(progress()).isEqualTo(5);
    }

    @Test
    void publishingTwicePublishesNothingNewTheSecondTime() throws Exception {
        ok("publish", "--once", "--outbox", outbox.toString());
        Map<String, String> first = contents();
        assertThat(first).containsOnlyKeys("events-00000000000000000001-00000000000000000005.jsonl");

        Run again = ok("publish", "--once", "--outbox", outbox.toString());

        assertThat(again.out().strip()).isEqualTo("Nothing to publish: everything up to seq 5 is in " + outbox + ".");
        assertThat(contents()).isEqualTo(first);

        ok("allocate", "ORD-5", "LAMP", "1");
        assertThat(ok("publish", "--once", "--outbox", outbox.toString()).out()).contains("Published 1 entries in 1 files");
        assertThat(names()).containsExactly("events-00000000000000000001-00000000000000000005.jsonl",
                "events-00000000000000000006-00000000000000000006.jsonl");
        assertThat(lines()).extracting(line -> line.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aCrashBetweenRenameAndProgressRepublishesTheSameFileWithTheSameIds() throws Exception {
        ok("publish", "--once", "--outbox", outbox.toString(), "--per-file", "2");
        Map<String, String> before = contents();
        // the crash: the last file (5-5) was renamed into place, its progress never stored; meanwhile one more entry
        setProgress(4);
        ok("allocate", "ORD-5", "LAMP", "1");

        Run run = ok("publish", "--once", "--outbox", outbox.toString(), "--per-file", "2");

        assertThat(run.out()).contains("Published 2 entries in 2 files");
        Map<String, String> after = contents();
        assertThat(after).containsAllEntriesOf(before); // 5-5 rewritten the same way, not 5-6
        assertThat(after.keySet()).containsExactly(
                "events-00000000000000000001-00000000000000000002.jsonl",
                "events-00000000000000000003-00000000000000000004.jsonl",
                "events-00000000000000000005-00000000000000000005.jsonl",
                "events-00000000000000000006-00000000000000000006.jsonl");
        assertThat(lines()).extracting(line -> line.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(progress()).isEqualTo(6);
    }

    @Test
    void anOutboxThatCannotBeCreatedIsUnavailableAndNothingMoves() throws Exception {
        Path plainFile = Files.writeString(dir.resolve("plain"), "not a folder");
        Path impossible = plainFile.resolve("outbox");

        Run run = cli("publish", "--once", "--outbox", impossible.toString());

        assertThat(run.code()).isEqualTo(ExitCode.DATABASE_UNAVAILABLE);
        assertThat(run.err().strip()).startsWith("Cannot write to the outbox folder " + impossible).doesNotContain("\n");
        assertThat(run.out()).isEmpty();
        assertThat(progress()).isZero();
    }

    @Test
    void aFileThatCannotBeRenamedIntoPlaceLeavesNoTemporaryFileAndNoProgress() throws Exception {
        Path inTheWay = Files.createDirectories(outbox.resolve("events-00000000000000000003-00000000000000000004.jsonl"));
        Files.writeString(inTheWay.resolve("keep"), "x"); // a non-empty folder: no file can be renamed over it

        Run run = cli("publish", "--once", "--outbox", outbox.toString(), "--per-file", "2");

        assertThat(run.code()).isEqualTo(ExitCode.DATABASE_UNAVAILABLE);
        assertThat(run.err().strip()).startsWith("Cannot write to the outbox folder " + outbox)
                .endsWith("nothing was half-published, the next publish starts after seq 2").doesNotContain("\n");
        assertThat(names()).containsExactly("events-00000000000000000001-00000000000000000002.jsonl",
                "events-00000000000000000003-00000000000000000004.jsonl");
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
        assertThat(progress()).isEqualTo(2); // the first file is out; the second one is not

        Files.delete(inTheWay.resolve("keep"));
        Files.delete(inTheWay);
        ok("publish", "--once", "--outbox", outbox.toString(), "--per-file", "2");
        assertThat(lines()).extracting(line -> line.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void withoutAnOutboxPublishIsRefusedBeforeTheDatabaseIsOpened() throws Exception {
        Path never = dir.resolve("never");
        Run run = InProcessCli.onDatabase(never, "publish", "--once");

        assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("No outbox folder: pass --outbox DIR or set ALLOCATION_DESK_OUTBOX=DIR");
        assertThat(dir.toFile().list()).noneMatch(name -> name.startsWith("never"));
    }

    @Test
    void theEnvironmentNamesTheOutboxWhenTheOptionDoesNot() throws Exception {
        Run run = InProcessCli.onDatabase(Map.of("ALLOCATION_DESK_OUTBOX", outbox.toString()), db, "publish", "--once");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(names()).containsExactly("events-00000000000000000001-00000000000000000005.jsonl");
    }

    @Test
    void followPublishesWhatIsPendingAndStopsCleanly() throws Exception {
        AtomicReference<Run> result = new AtomicReference<>();
        Thread follower = new Thread(() -> result.set(cli("publish", "--follow", "--outbox", outbox.toString())));
        follower.start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (publishedUpTo() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // the file is renamed just before its progress is stored; the follower then waits a second for the
            // next look: stop it in that wait, as the shutdown hook would, not in the middle of a database write
            Thread.sleep(300);
        } finally {
            follower.interrupt(); // also when the wait above failed: the follower holds the database
            follower.join(30_000);
        }

        assertThat(follower.isAlive()).isFalse();
        assertThat(result.get().code()).as(result.get().err()).isZero();
        assertThat(result.get().outLines()).contains("Published 5 entries in 1 files to " + outbox + " (up to seq 5).",
                "Stopped: 5 entries in 1 files published.");
        assertThat(lines()).extracting(line -> line.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(progress()).isEqualTo(5); // the database was closed: another process opens it
    }

    /** While the follower holds the database, its progress is seen in the files it wrote. */
    private long publishedUpTo() throws IOException {
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        return names().isEmpty() ? 0 : Long.parseLong(names().get(names().size() - 1).substring(28, 48));
    }

    private Run cli(String... args) {
        return InProcessCli.onDatabase(db, args);
    }

    private Run ok(String... args) {
        Run run = cli(args);
        assertThat(run.code()).as("exit code of %s; stderr: %s", List.of(args), run.err()).isZero();
        return run;
    }

    /** The published files' names, sorted (what a consumer lists); temporary names start with a dot. */
    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith(".")).sorted().toList();
        }
    }

    private Map<String, String> contents() throws IOException {
        Map<String, String> contents = new LinkedHashMap<>();
        for (String name : names()) {
            contents.put(name, Files.readString(outbox.resolve(name), StandardCharsets.UTF_8));
        }
        return contents;
    }

    /** Every line of every file, in file-name order. */
    private List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String content : contents().values()) {
            assertThat(content).endsWith("\n");
            for (String line : content.split("\n")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private long progress() throws Exception {
        try (Database database = Database.open(db, 0, true);
             Connection c = database.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_seq FROM outbox_progress WHERE name = 'outbox'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void setProgress(long seq) throws Exception {
        try (Database database = Database.open(db, 0, true);
             Connection c = database.dataSource().getConnection();
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE outbox_progress SET last_seq = " + seq + " WHERE name = 'outbox'")).isOne();
        }
    }
}

package com.allocationdesk.allocation.entrypoints.cli;

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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both folders end to end, as a site wires them (README "Connecting the desk to other systems"):
 * other systems drop files in the inbox, {@code inbox --once} takes them into a real database,
 * {@code publish --once} tells the warehouse what the desk decided through the outbox. Real files,
 * a real database, the real command line.
 */
class ConnectedFoldersIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path db;
    private Path inbox;
    private Path outbox;

    @BeforeEach
    void folders() throws IOException {
        db = dir.resolve("desk");
        inbox = Files.createDirectories(dir.resolve("inbox"));
        outbox = dir.resolve("outbox");
    }

    @Test
    void filesDroppedInTheInboxComeOutOfTheOutboxAsWhatTheDeskDecided() throws Exception {
        drop("01-batches.csv", "ref,sku,qty,eta\nWH-LAMP-1,LAMP,10,\nSHIP-LAMP-2,LAMP,20,2027-01-10\nWH-DESK-1,DESK,2,\n");
        drop("02-orders.csv", "orderid,sku,qty\nO1,LAMP,4\nO2,DESK,3\nO3,LAMP,8\n");
        drop("03-count.jsonl", """
                {"type":"batch.change_quantity","version":1,"batch":"WH-LAMP-1","quantity":3}
                {"type":"line.cancel","version":1,"order":"O3","sku":"LAMP"}
                {"type":"line.allocate","version":1,"order":"O4","sku":"DESK","quantity":1}
                """);

        Run taken = ok("inbox", "--once", "--inbox", inbox.toString(), "--settle", "0");
        Run published = ok("publish", "--once", "--outbox", outbox.toString());

        assertThat(taken.outLines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("Took "));
        assertThat(names(inbox.resolve("processed"))).containsExactly("01-batches.csv", "02-orders.csv", "03-count.jsonl");
        assertThat(published.out()).startsWith("Published ");
        Map<String, List<String>> byOrder = new LinkedHashMap<>();
        List<JsonNode> entries = outboxEntries();
        for (JsonNode entry : entries) {
            if (!entry.get("order").isNull()) {
                byOrder.computeIfAbsent(entry.get("order").asText(), o -> new ArrayList<>())
                        .add(entry.get("type").asText() + (entry.get("batch").isNull() ? "" : " " + entry.get("batch").asText()));
            }
        }
        assertThat(byOrder).containsOnly(
                Map.entry("O1", List.of("line.allocated WH-LAMP-1", "line.deallocated WH-LAMP-1", "line.allocated SHIP-LAMP-2")),
                Map.entry("O2", List.of("line.waiting")),
                Map.entry("O3", List.of("line.allocated SHIP-LAMP-2", "line.cancelled SHIP-LAMP-2")),
                Map.entry("O4", List.of("line.allocated WH-DESK-1")));
        assertThat(entries).extracting(e -> e.get("type").asText()).filteredOn(t -> t.startsWith("batch."))
                .containsExactly("batch.created", "batch.created", "batch.created", "batch.quantity_changed");
        assertThat(entries).extracting(e -> e.get("seq").asLong())
                .containsExactlyElementsOf(Stream.iterate(1L, n -> n + 1).limit(entries.size()).toList());
        JsonNode ledger = JSON.readTree(ok("events", "--after", "0", "--json").out());
        assertThat(ledger).hasSize(entries.size());
    }

    @Test
    void aFileDroppedAgainChangesNothingAndTheOutboxHasNothingNewToSay() throws Exception {
        drop("batches.csv", "ref,sku,qty,eta\nWH-LAMP-1,LAMP,10,\n");
        drop("orders.csv", "orderid,sku,qty\nO1,LAMP,4\n");
        ok("inbox", "--once", "--inbox", inbox.toString(), "--settle", "0");
        ok("publish", "--once", "--outbox", outbox.toString());
        int before = outboxEntries().size();

        Files.copy(inbox.resolve("processed/orders.csv"), dir.resolve("again.csv"));
        drop("again.csv", Files.readString(dir.resolve("again.csv")));
        Run again = ok("inbox", "--once", "--inbox", inbox.toString(), "--settle", "0");
        Run published = ok("publish", "--once", "--outbox", outbox.toString());

        assertThat(again.out()).startsWith("Already taken again.csv: already taken at ");
        assertThat(published.out()).startsWith("Nothing to publish");
        assertThat(outboxEntries()).hasSize(before);
    }

    @Test
    void aBadFileIsRefusedWholeAndTheOutboxShowsNoneOfIt() throws Exception {
        drop("batches.csv", "ref,sku,qty,eta\nWH-LAMP-1,LAMP,10,\n");
        ok("inbox", "--once", "--inbox", inbox.toString(), "--settle", "0");
        drop("orders.jsonl", """
                {"type":"line.allocate","version":1,"order":"O1","sku":"LAMP","quantity":4}
                {"type":"line.allocate","version":1,"order":"O2","sku":"LAMP","quantity":"4"}
                """);

        Run refused = InProcessCli.onDatabase(db, "inbox", "--once", "--inbox", inbox.toString(), "--settle", "0");
        ok("publish", "--once", "--outbox", outbox.toString());

        assertThat(refused.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(Files.readString(inbox.resolve("failed/orders.jsonl.errors.txt")))
                .contains("line 2: field 'quantity' must be a whole number, was \"4\"");
        assertThat(outboxEntries()).extracting(e -> e.get("type").asText()).containsExactly("batch.created");
    }

    /** Writes the file elsewhere and renames it in, as a well-behaved sender does, dated in the past. */
    private void drop(String name, String content) throws IOException {
        Path written = dir.resolve(name + ".writing");
        Files.writeString(written, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(written, FileTime.from(Instant.now().minusSeconds(10)));
        Files.move(written, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private List<JsonNode> outboxEntries() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String name : names(outbox)) {
            for (String line : Files.readAllLines(outbox.resolve(name), StandardCharsets.UTF_8)) {
                entries.add(JSON.readTree(line));
            }
        }
        return entries;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private Run ok(String... args) {
        Run run = InProcessCli.onDatabase(db, args);
        assertThat(run.code()).as("%s: %s", String.join(" ", args), run.err()).isZero();
        return run;
    }
}

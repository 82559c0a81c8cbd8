package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli.Run;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code history}, {@code order} and {@code events} end to end, over ledger rows written as docs/EVENTS.md describes. */
class LedgerCliIT {
    private static final String ALLOCATED = "{\"order\":\"ORD-1\",\"sku\":\"LAMP\",\"quantity\":8,\"batch\":\"wh\",\"eta\":null,"
            + "\"rule\":\"warehouse-first\",\"passedOver\":[],\"passedOverMore\":0,\"tiedWith\":[],"
            + "\"cause\":{\"kind\":\"planner\",\"batch\":null,\"order\":null,\"from\":null,\"to\":null},"
            + "\"movedFrom\":null,\"waitedSince\":null}";
    private static final String CREATED = "{\"batch\":\"wh\",\"sku\":\"LAMP\",\"quantity\":10,\"eta\":null}";

    @TempDir
    Path dir;
    private Path db;

    @BeforeEach
    void desk() throws Exception {
        db = dir.resolve("desk");
        ok("add-batch", "wh", "LAMP", "10");
        ok("allocate", "ORD-1", "LAMP", "8");
        assertThat(cli("allocate", "ORD-2", "LAMP", "5").code()).isEqualTo(ExitCode.OUT_OF_STOCK);
        try (Database database = Database.open(db, 0, true);
             Connection c = database.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM event_log"); // whatever a writer logged: the test states the entries itself
            }
            insert(c, 1, "batch.created", null, "wh", CREATED);
            insert(c, 2, "line.allocated", "ORD-1", "wh", ALLOCATED);
        }
    }

    private static void insert(Connection c, long seq, String type, String order, String batch, String data) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO event_log VALUES (?, ?, ?, 1, 'anna@desk-3', 'LAMP', ?, ?, ?)")) {
            s.setLong(1, seq);
            s.setObject(2, OffsetDateTime.parse("2026-12-01T14:0" + seq + ":11.123456Z"));
            s.setString(3, type);
            s.setString(4, order);
            s.setString(5, batch);
            s.setString(6, data);
            s.executeUpdate();
        }
    }

    private Run cli(String... args) {
        return InProcessCli.onDatabase(db, args);
    }

    private Run ok(String... args) {
        Run run = cli(args);
        assertThat(run.code()).as("exit code of %s; stderr: %s", List.of(args), run.err()).isZero();
        return run;
    }

    private String logAndTables() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Database database = Database.open(db, 0, true);
             Connection c = database.dataSource().getConnection();
             Statement s = c.createStatement()) {
            for (String sql : List.of("SELECT * FROM event_log ORDER BY seq", "SELECT * FROM read_allocations ORDER BY order_id",
                    "SELECT * FROM read_waiting ORDER BY order_id", "SELECT * FROM read_batches ORDER BY reference")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            all.append(rs.getObject(i)).append('|');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private void refused(String message, String... args) throws Exception {
        String before = logAndTables();
        Run run = cli(args);
        assertThat(run.code()).as("stderr: %s", run.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains(message).doesNotContain("Error: Error:");
        assertThat(run.err().lines().count()).as("one line: %s", run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(logAndTables()).isEqualTo(before);
    }

    @Test
    void historyTellsEachEntryNewestLast() {
        List<String> lines = ok("history", "--batch", "wh").outLines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("2026-12-01 \\d\\d:\\d\\d wh 10 × LAMP arrived in the warehouse");
        assertThat(lines.get(1)).endsWith(" ORD-1 8 × LAMP allocated to wh (warehouse stock)");
        assertThat(ok("history", "--sku", "LAMP", "--limit", "1").outLines()).containsExactly(lines.get(1));
        assertThat(ok("history", "--order", " ORD-1 ").outLines()).containsExactly(lines.get(1));
    }

    @Test
    void historyAsJsonIsTheDocumentedEntryWithDataAsAnObject() {
        assertThat(ok("history", "--order", "ORD-1", "--json").out().strip()).isEqualTo("[{\"seq\":2,\"type\":\"line.allocated\","
                + "\"version\":1,\"at\":\"2026-12-01T14:02:11.123456Z\",\"desk\":\"anna@desk-3\",\"sku\":\"LAMP\",\"order\":\"ORD-1\","
                + "\"batch\":\"wh\",\"data\":" + ALLOCATED + "}]");
    }

    @Test
    void eventsAfterASequenceNumberAsJson() {
        assertThat(ok("events", "--after", "0").out()).startsWith("[{\"seq\":1,").contains("{\"seq\":2,");
        assertThat(ok("events", "--after", "1", "--json").out().strip()).startsWith("[{\"seq\":2,").endsWith("}]")
                .doesNotContain("\"seq\":1,");
        assertThat(ok("events", "--after", "0", "--limit", "1").out()).doesNotContain("\"seq\":2,");
        assertThat(ok("events", "--after", "2").out().strip()).isEqualTo("[]");
    }

    @Test
    void orderShowsEveryLineWithItsState() {
        List<String> allocated = ok("order", "ORD-1").outLines();
        assertThat(allocated.get(0)).startsWith("SKU   QTY  STATE      BATCH  ETA        SINCE");
        assertThat(allocated.get(1)).startsWith("LAMP    8  allocated  wh     warehouse  2026-12-01T14:02:11.123456Z")
                .endsWith("ORD-1 8 × LAMP allocated to wh (warehouse stock)");
        assertThat(ok("order", "ORD-2", "--json").out().strip()).startsWith("[{\"sku\":\"LAMP\",\"qty\":5,\"state\":\"waiting\","
                + "\"batch\":null,\"eta\":null,\"since\":\"").endsWith("\"position\":1,\"largestAvailable\":2,"
                + "\"why\":\"waits for stock, position 1 in the LAMP queue; needs 5, at most 2 free in one batch\"}]");
    }

    @Test
    void unknownIdsGetAClearlyWordedEmptyAnswer() {
        assertThat(ok("history", "--order", "ORD-9").outLines()).containsExactly("No history for order ORD-9.");
        assertThat(ok("history", "--batch", "nope").outLines()).containsExactly("No history for batch nope.");
        assertThat(ok("history", "--sku", "SOFA", "--json").out().strip()).isEqualTo("[]");
        assertThat(ok("order", "ORD-9").outLines())
                .containsExactly("No order ORD-9: no line of it was ever placed, waits or was cancelled.");
        assertThat(ok("order", "ORD-9", "--json").out().strip()).isEqualTo("[]");
    }

    @Test
    void badInputIsRefusedInOneLineAndChangesNothing() throws Exception {
        refused("specify one of these", "history");
        refused("mutually exclusive", "history", "--order", "ORD-1", "--sku", "LAMP");
        refused("Order id contains control characters", "history", "--order", "ORD\u00071");
        refused("Batch reference is too long", "history", "--batch", "x".repeat(65));
        refused("Order id contains control characters", "order", "ORD\u001b[31m");
        refused("--limit must be a whole number from 1 to 10000, was '0'", "history", "--sku", "LAMP", "--limit", "0");
        refused("--limit must be a whole number from 1 to 10000, was '-1'", "history", "--sku", "LAMP", "--limit", "-1");
        refused("--limit must be a whole number from 1 to 10000, was 'ten'", "history", "--sku", "LAMP", "--limit", "ten");
        refused("--limit must be a whole number from 1 to 10000", "history", "--sku", "LAMP", "--limit", "10001");
        refused("--limit must be a whole number from 1 to 100000", "events", "--after", "0", "--limit", "100001");
        refused("--after must be a sequence number, 0 or more, was '-1'", "events", "--after", "-1");
        refused("Missing required option: '--after=SEQ'", "events");
    }

    @Test
    void aMissingDatabaseIsNotCreatedByABadArgument() throws Exception {
        Path elsewhere = dir.resolve("never");
        Run run = InProcessCli.onDatabase(elsewhere, "order", "ORD\u00071");
        assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(Files.exists(elsewhere.getParent().resolve("never.script"))).isFalse();
        assertThat(dir.toFile().list()).noneMatch(name -> name.startsWith("never"));
    }
}

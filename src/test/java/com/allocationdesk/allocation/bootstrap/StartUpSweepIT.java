package com.allocationdesk.allocation.bootstrap;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.adapters.orm.HibernateUnitsOfWork;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;
import com.allocationdesk.allocation.reliability.Tables;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.BatchesQuery;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recovery sweep at start-up, on a database in the state the old code's crash left behind: a
 * batch reduced to 0 gave its lines back to the queue (committed), and the process died before the
 * follow-up Allocate of each line ran, so they wait while another batch has stock for them. The
 * state is written directly in SQL, the way the old code's first commit wrote it.
 */
class StartUpSweepIT {
    private static final LocalDate ETA = LocalDate.of(2027, 1, 4);
    /** Tables the serving of o1 and o2 may change; every other table must stay byte for byte. */
    private static final List<String> SERVED_TABLES = List.of("ALLOCATIONS", "READ_ALLOCATIONS", "BATCHES",
            "READ_BATCHES", "PRODUCTS", "WAITING_LINES", "READ_WAITING");

    @TempDir
    Path dir;
    private Path db;

    @BeforeEach
    void aDatabaseWithTwoStrandedLines() throws SQLException {
        db = dir.resolve("desk");
        try (Bootstrap app = Bootstrap.start(new AppConfig(db))) {
            MessageBus bus = app.get(MessageBus.class);
            bus.handle(new CreateBatch("warehouse", "LAMP", 10, null));
            bus.handle(new CreateBatch("shipment", "LAMP", 10, ETA));
            bus.handle(new CreateBatch("tables", "TABLE", 2, null));
            bus.handle(new Allocate("o1", "LAMP", 4));
            bus.handle(new Allocate("o2", "LAMP", 3));
            bus.handle(new Allocate("t1", "TABLE", 5));     // waits: fits nowhere, and must stay so
        }
        // What the old ChangeBatchQuantity("warehouse", 0) committed before its follow-ups were lost.
        execute("UPDATE batches SET purchased_quantity = 0, allocated_quantity = 0 WHERE reference = 'warehouse'",
                "INSERT INTO waiting_lines (product_sku, order_id, sku, quantity, since, sequence)"
                        + " SELECT sku, order_id, sku, quantity, TIMESTAMP '2026-11-27 09:00:00+00:00', sequence"
                        + " FROM allocations WHERE batch_reference = 'warehouse'",
                "INSERT INTO read_waiting (order_id, sku, quantity, since)"
                        + " SELECT order_id, sku, quantity, TIMESTAMP '2026-11-27 09:00:00+00:00'"
                        + " FROM allocations WHERE batch_reference = 'warehouse'",
                "DELETE FROM read_allocations WHERE batch_reference = 'warehouse'",
                "DELETE FROM allocations WHERE batch_reference = 'warehouse'",
                "UPDATE read_batches SET purchased = 0, allocated = 0 WHERE reference = 'warehouse'",
                "UPDATE products SET version = version + 1 WHERE sku = 'LAMP'");
        assertThat(stranded()).as("lines waiting beside stock they fit, before the sweep").isEqualTo(2);
    }

    @Test
    void aCommandLineThatWritesPlacesTheStrandedLinesFirstAndNothingElseChanges() {
        Map<String, String> before = checksums();
        long lampVersion = number("SELECT version FROM products WHERE sku = 'LAMP'");

        try (Bootstrap app = Bootstrap.start(new AppConfig(db))) {
            assertThat(app.get(BatchesQuery.class).list("LAMP")).isNotEmpty();
        }

        assertThat(rows("SELECT order_id, batch_reference FROM allocations WHERE sku = 'LAMP' ORDER BY sequence"))
                .containsExactly(List.of("o1", "shipment"), List.of("o2", "shipment"));
        assertThat(rows("SELECT order_id, sku FROM waiting_lines")).containsExactly(List.of("t1", "TABLE"));
        assertThat(rows("SELECT reference, purchased_quantity, allocated_quantity FROM batches ORDER BY reference"))
                .containsExactly(List.of("shipment", 10, 7), List.of("tables", 2, 0), List.of("warehouse", 0, 0));
        assertThat(number("SELECT version FROM products WHERE sku = 'LAMP'")).isEqualTo(lampVersion + 1);
        assertThat(rows("SELECT order_id, sku, quantity, batch_reference FROM read_allocations ORDER BY order_id"))
                .containsExactly(List.of("o1", "LAMP", 4, "shipment"), List.of("o2", "LAMP", 3, "shipment"));
        assertThat(rows("SELECT order_id FROM read_waiting")).containsExactly(List.of("t1"));
        assertThat(rows("SELECT reference, purchased, allocated FROM read_batches ORDER BY reference"))
                .containsExactly(List.of("shipment", 10, 7), List.of("tables", 2, 0), List.of("warehouse", 0, 0));
        long logBefore = Long.parseLong(before.get("EVENT_LOG").split(" ")[0]);
        assertThat(rows("SELECT type, order_id, batch_reference FROM event_log WHERE seq > " + logBefore + " ORDER BY seq"))
                .as("the ledger tells the repair: each stranded line placed, and nothing else")
                .containsExactly(List.of("line.allocated", "o1", "shipment"), List.of("line.allocated", "o2", "shipment"));
        assertThat(rows("SELECT payload FROM event_log WHERE seq > " + logBefore))
                .allSatisfy(row -> assertThat((String) row.get(0)).contains("\"kind\":\"repair\""));
        Map<String, String> after = checksums();
        SERVED_TABLES.forEach(table -> {
            before.remove(table);
            after.remove(table);
        });
        before.remove("EVENT_LOG");
        after.remove("EVENT_LOG");
        assertThat(after).as("every other table, notifications and Flyway's history included").isEqualTo(before);
        assertThat(rows("SELECT * FROM waiting_lines WHERE sku = 'TABLE'")).hasSize(1);
        assertThat(stranded()).isZero();
    }

    @Test
    void aNewLineGivenOnTheCommandLineDoesNotOvertakeTheStrandedOnes() {
        InProcessCli.Run run = InProcessCli.onDatabase(db, "allocate", "newcomer", "LAMP", "7");

        assertThat(run.code()).as(run.err()).isEqualTo(3);
        assertThat(rows("SELECT order_id, batch_reference FROM allocations WHERE sku = 'LAMP' ORDER BY sequence"))
                .containsExactly(List.of("o1", "shipment"), List.of("o2", "shipment"));
        assertThat(rows("SELECT order_id FROM waiting_lines ORDER BY sequence"))
                .containsExactly(List.of("t1"), List.of("newcomer"));
    }

    @Test
    void theSweepFindsThemAlsoWhenThereAreMoreWaitingLinesThanBatches() {
        try (Bootstrap app = Bootstrap.start(new AppConfig(db).readingFirst())) {   // writes, but no sweep
            for (int i = 2; i <= 5; i++) {
                app.get(MessageBus.class).handle(new Allocate("t" + i, "TABLE", 5));
            }
        }
        assertThat(number("SELECT COUNT(*) FROM read_waiting")).isGreaterThan(number("SELECT COUNT(*) FROM read_batches"));
        assertThat(stranded()).isEqualTo(2);

        try (Bootstrap app = Bootstrap.start(new AppConfig(db))) {
            assertThat(app.get(MessageBus.class)).isNotNull();
        }

        assertThat(stranded()).isZero();
        assertThat(rows("SELECT order_id, batch_reference FROM allocations WHERE sku = 'LAMP' ORDER BY sequence"))
                .containsExactly(List.of("o1", "shipment"), List.of("o2", "shipment"));
        assertThat(number("SELECT COUNT(*) FROM waiting_lines WHERE sku = 'TABLE'")).isEqualTo(5);
    }

    @Test
    void theWindowSweepsOnceTheWriteSideIsPrepared() {
        try (Bootstrap app = Bootstrap.start(new AppConfig(db).readingFirst())) {
            app.prepareForWrites();
        }   // close() waits for the sweep

        assertThat(stranded()).isZero();
        assertThat(rows("SELECT order_id, batch_reference FROM allocations WHERE sku = 'LAMP' ORDER BY sequence"))
                .containsExactly(List.of("o1", "shipment"), List.of("o2", "shipment"));
    }

    @Test
    void aRunThatOnlyReadsNeitherSweepsNorStartsTheWriteSide() {
        Map<String, String> before = checksums();

        try (Bootstrap app = Bootstrap.start(new AppConfig(db).readingFirst())) {
            assertThat(app.get(BatchesQuery.class).list(null)).hasSize(3);
            assertThat(app.get(HibernateUnitsOfWork.class).started()).isFalse();
        }
        InProcessCli.Run listed = InProcessCli.onDatabase(db, "waiting");

        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(checksums()).isEqualTo(before);
        assertThat(stranded()).isEqualTo(2);
    }

    @Test
    void onASoundDatabaseTheSweepWritesNothing() {
        try (Bootstrap app = Bootstrap.start(new AppConfig(db))) {
            assertThat(app.get(MessageBus.class)).isNotNull();
        }
        Map<String, String> swept = checksums();

        try (Bootstrap app = Bootstrap.start(new AppConfig(db))) {
            assertThat(app.get(MessageBus.class)).isNotNull();
        }

        assertThat(checksums()).isEqualTo(swept);
    }

    /** Waiting lines of the write model that fit the free stock of one of their SKU's batches. */
    private long stranded() {
        return number("SELECT COUNT(*) FROM waiting_lines w WHERE EXISTS (SELECT 1 FROM batches b"
                + " WHERE b.sku = w.sku AND b.purchased_quantity - b.allocated_quantity >= w.quantity)");
    }

    private void execute(String... statements) throws SQLException {
        Database database = Database.open(db);
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        } finally {
            database.close();
        }
    }

    private List<List<Object>> rows(String sql) {
        Database database = Database.open(db);
        try {
            return Tables.rows(database.dataSource(), sql);
        } finally {
            database.close();
        }
    }

    private long number(String sql) {
        return ((Number) rows(sql).get(0).get(0)).longValue();
    }

    private Map<String, String> checksums() {
        Database database = Database.open(db);
        try {
            return new LinkedHashMap<>(Tables.checksums(database.dataSource()));
        } finally {
            database.close();
        }
    }
}

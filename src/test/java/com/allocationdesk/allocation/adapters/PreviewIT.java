package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.domain.Consequences;
import com.allocationdesk.allocation.domain.UnknownOrderLine;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.ChangeLineQuantity;
import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.queries.EventLogQuery;
import com.allocationdesk.allocation.queries.LogEntryRow;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.MutableClock;
import com.allocationdesk.allocation.servicelayer.Preview;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What if? A preview runs the real command in a unit of work that is rolled back: on each store,
 * every table (write model, read tables, alerts, ledger, receipts, versions) is row for row what it
 * was, no listener hears of it, and its events are those the command then records when it runs.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class PreviewIT {
    @TempDir
    Path folder;
    @Parameter
    StoreKind kind;

    private Store store;
    private MessageBus bus;
    private final List<Event> heard = new CopyOnWriteArrayList<>();
    private final FakeNotifications notifications = new FakeNotifications();

    @BeforeEach
    void stock() {
        store = kind.fresh(folder, "preview");
        MessageBus.Builder builder = HandlerRegistry.bus(Stores.unitsOfWork(store), notifications,
                new MutableClock(Instant.parse("2026-12-03T08:00:00Z")));
        for (Class<? extends Event> type : List.of(com.allocationdesk.allocation.domain.events.Allocated.class,
                com.allocationdesk.allocation.domain.events.OutOfStock.class,
                com.allocationdesk.allocation.domain.events.Deallocated.class,
                com.allocationdesk.allocation.domain.events.BatchQuantityChanged.class,
                com.allocationdesk.allocation.domain.events.LineCancelled.class,
                com.allocationdesk.allocation.domain.events.LineQuantityChanged.class)) {
            register(builder, type);
        }
        bus = builder.build();
        bus.handle(new CreateBatch("WH-1", "LAMP", 10, null));
        bus.handle(new CreateBatch("SHIP-1", "LAMP", 5, LocalDate.of(2027, 1, 4)));
        bus.handle(new Allocate("o1", "LAMP", 6));
        bus.handle(new Allocate("o2", "LAMP", 4));
        bus.handle(new Allocate("o3", "LAMP", 5));
        bus.handle(new Allocate("o4", "LAMP", 4));
        heard.clear();
    }

    private <E extends Event> void register(MessageBus.Builder builder, Class<E> type) {
        builder.event(type, (event, context) -> heard.add(event));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aBatchQuantityChangeWritesNothingAndItsEventsAreThoseOfTheRealRun() {
        previewThenRun(new ChangeBatchQuantity("WH-1", 3), 5);
    }

    @Test
    void aLineQuantityChangeWritesNothingAndItsEventsAreThoseOfTheRealRun() {
        previewThenRun(new ChangeLineQuantity("o1", "LAMP", 2), 2);
    }

    @Test
    void aCancelWritesNothingAndItsEventsAreThoseOfTheRealRun() {
        previewThenRun(new CancelLine("o2", "LAMP"), 2);
    }

    @Test
    void aRefusedPreviewWritesNothingEither() {
        Map<String, List<List<Object>>> before = everyTable();

        assertThatThrownBy(() -> bus.preview(new ChangeLineQuantity("o9", "LAMP", 2))).isInstanceOf(UnknownOrderLine.class);

        assertThat(everyTable()).isEqualTo(before);
    }

    private void previewThenRun(Command<Consequences> command, int events) {
        Map<String, List<List<Object>>> before = everyTable();
        Map<String, String> filesBefore = databaseFiles();
        int toldBefore = notifications.sent().size();

        Preview<Consequences> preview = bus.preview(command);

        assertThat(databaseFiles()).as("the database's files, byte for byte").isEqualTo(filesBefore);
        assertThat(preview.events()).hasSize(events);
        assertThat(everyTable()).as("every table, row for row, after the preview").isEqualTo(before);
        assertThat(heard).as("no listener heard of the preview").isEmpty();
        assertThat(notifications.sent()).hasSize(toldBefore);

        long last = ledger().isEmpty() ? 0 : ledger().get(ledger().size() - 1).seq();
        Consequences real = bus.handle(command);

        assertThat(real).isEqualTo(preview.result());
        assertThat(heard).as("the events of the real run").isEqualTo(preview.events());
        assertThat(ledger().stream().filter(e -> e.seq() > last).map(LogEntryRow::type).toList())
                .as("what the ledger got").hasSize(events);
    }

    /** The embedded store's files (name to SHA-256 of their bytes); none on a server. */
    private Map<String, String> databaseFiles() {
        Map<String, String> files = new TreeMap<>();
        if (kind != StoreKind.HSQLDB) {
            return files;
        }
        try (var paths = java.nio.file.Files.list(folder)) {
            for (Path file : paths.filter(java.nio.file.Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(file))));
            }
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        assertThat(files.keySet()).as("the database's files").anyMatch(name -> name.endsWith(".script"));
        return files;
    }

    private List<LogEntryRow> ledger() {
        return new EventLogQuery(store.dataSource()).after(0, 10_000);
    }

    /** Every table of our schema, each as its rows sorted by every column. */
    private Map<String, List<List<Object>>> everyTable() {
        Map<String, List<List<Object>>> tables = new TreeMap<>();
        try (Connection connection = store.dataSource().getConnection()) {
            List<String> names = new ArrayList<>();
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema != null && schema.equalsIgnoreCase("public")) {
                        names.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            assertThat(names).as("tables found").hasSizeGreaterThan(8);
            for (String table : names) {
                List<List<Object>> rows = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            row.add(value == null ? null : value.toString());
                        }
                        rows.add(row);
                    }
                }
                rows.sort((a, b) -> a.toString().compareTo(b.toString()));
                tables.put(table, rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return tables;
    }
}

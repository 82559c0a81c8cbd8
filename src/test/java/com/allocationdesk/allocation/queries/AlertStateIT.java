package com.allocationdesk.allocation.queries;

import com.allocationdesk.allocation.adapters.AppOnStore;
import com.allocationdesk.allocation.adapters.StoreKind;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.DomainException;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.RebuildReadModel;
import com.allocationdesk.allocation.reliability.Tables;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Out-of-stock alerts that stay true, against the real notifications table, filled through the bus. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class AlertStateIT {
    @Parameter
    StoreKind kind;
    private AppOnStore desk;
    @TempDir
    Path dir;
    private Bootstrap app;
    private MessageBus bus;
    private NotificationsQuery alerts;
    private DataSource dataSource;

    @BeforeEach
    void start() {
        desk = AppOnStore.start(kind, dir);
        app = desk.app();
        bus = app.get(MessageBus.class);
        alerts = app.get(NotificationsQuery.class);
        dataSource = app.get(DataSource.class);
        bus.handle(new CreateBatch("b1", "LAMP", 1, null));
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    private NotificationRow onlyAlertOf(String orderId) {
        List<NotificationRow> of = alerts.recent(1000).stream().filter(n -> n.orderId().equals(orderId)).toList();
        assertThat(of).as("the alerts of " + orderId).hasSize(1);
        return of.get(0);
    }

    /** The open alerts are the lines of read_waiting, one each, and the count says so. */
    private void assertTheCountsAgree() {
        long waiting = Tables.number(dataSource, "SELECT COUNT(*) FROM read_waiting");
        assertThat(alerts.openCount()).as("open alerts").isEqualTo(waiting);
        assertThat(Tables.rows(dataSource, "SELECT order_id, sku FROM notifications WHERE state = 'OPEN' ORDER BY order_id, sku"))
                .isEqualTo(Tables.rows(dataSource, "SELECT order_id, sku FROM read_waiting ORDER BY order_id, sku"));
    }

    @Test
    void anAlertIsOpenWhileItsLineWaitsAndResolvesWhenANewBatchServesIt() {
        bus.handle(new Allocate("o1", "LAMP", 3));
        assertThat(onlyAlertOf("o1")).satisfies(a -> {
            assertThat(a.state()).isEqualTo("OPEN");
            assertThat(a.describe()).isEqualTo("waiting");
            assertThat(a.resolvedAt()).isNull();
        });
        assertThat(alerts.openCount()).isEqualTo(1);

        bus.handle(new CreateBatch("B2", "LAMP", 5, null));

        assertThat(onlyAlertOf("o1")).satisfies(a -> {
            assertThat(List.of(a.state(), a.resolution(), a.batch())).containsExactly("RESOLVED", "ALLOCATED", "B2");
            assertThat(a.describe()).isEqualTo("allocated to B2");
            assertThat(a.resolvedAt()).isNotNull();
            assertThat(a.read()).isFalse();
        });
        assertThat(alerts.openCount()).isZero();
    }

    @Test
    void aRaisedQuantityResolvesTheAlertOfTheLineItServes() {
        bus.handle(new Allocate("o1", "LAMP", 3));
        bus.handle(new Allocate("o2", "LAMP", 50));

        bus.handle(new ChangeBatchQuantity("b1", 4));

        assertThat(onlyAlertOf("o1").describe()).isEqualTo("allocated to b1");
        assertThat(onlyAlertOf("o2").open()).isTrue();
        assertTheCountsAgree();
    }

    @Test
    void aCancelledLineResolvesItsAlertAsCancelled() {
        bus.handle(new Allocate("o1", "LAMP", 3));

        bus.handle(new CancelLine("o1", "LAMP"));

        assertThat(onlyAlertOf("o1")).satisfies(a -> {
            assertThat(List.of(a.state(), a.resolution())).containsExactly("RESOLVED", "CANCELLED");
            assertThat(a.batch()).isNull();
            assertThat(a.describe()).isEqualTo("cancelled");
        });
        assertTheCountsAgree();
    }

    @Test
    void aLineToldOutOfStockAgainKeepsItsOneOpenAlert() {
        bus.handle(new Allocate("o1", "LAMP", 3));
        bus.handle(new Allocate("o1", "LAMP", 3));
        bus.handle(new AllocateLines(List.of(new Allocate("o1", "LAMP", 3), new Allocate("o2", "LAMP", 2))));

        assertThat(onlyAlertOf("o1").open()).isTrue();
        assertThat(alerts.openCount()).isEqualTo(2);
        assertTheCountsAgree();
    }

    @Test
    void afterAMixedStreamTheOpenAlertsAreTheWaitingLines() {
        Random random = new Random(12);
        int batches = 1;
        for (int step = 0; step < 150; step++) {
            try {
                switch (random.nextInt(5)) {
                    case 0, 1 -> bus.handle(new Allocate("o" + random.nextInt(25), "LAMP", 1 + random.nextInt(6)));
                    case 2 -> bus.handle(new ChangeBatchQuantity("b" + (1 + random.nextInt(batches)), random.nextInt(20)));
                    case 3 -> bus.handle(new CreateBatch("b" + ++batches, "LAMP", 1 + random.nextInt(8), null));
                    default -> bus.handle(new CancelLine("o" + random.nextInt(25), "LAMP"));
                }
            } catch (DomainException rejected) {
                // a rule said no; the alerts must still be true
            }
        }
        for (int i = 0; i < 3; i++) {
            bus.handle(new Allocate("big" + i, "LAMP", 1000));   // more than any batch: these wait
        }
        bus.handle(new CancelLine("big0", "LAMP"));
        assertThat(alerts.openCount()).as("open alerts at the end").isGreaterThanOrEqualTo(2);
        assertThat(Tables.number(dataSource, "SELECT COUNT(*) FROM notifications WHERE state = 'RESOLVED'"))
                .as("alerts the stream resolved").isGreaterThan(1);
        assertTheCountsAgree();
        assertThat(Tables.number(dataSource, "SELECT COUNT(*) FROM notifications WHERE state = 'RESOLVED'"
                + " AND resolution = 'ALLOCATED' AND resolved_batch IS NULL")).isZero();

        List<List<Object>> before = Tables.rows(dataSource, "SELECT * FROM notifications ORDER BY id");
        bus.handle(new RebuildReadModel());
        assertThat(Tables.rows(dataSource, "SELECT * FROM notifications ORDER BY id"))
                .as("a rebuild finds nothing to correct").isEqualTo(before);
    }

    @Test
    void aRebuildMakesDriftedAlertsTrueAndKeepsTheirHistory() throws SQLException {
        bus.handle(new Allocate("o1", "LAMP", 1));   // allocated to b1
        bus.handle(new Allocate("o2", "LAMP", 3));   // waits
        bus.handle(new Allocate("o3", "LAMP", 4));   // waits
        sql("DELETE FROM notifications",
                "INSERT INTO notifications (created_at, sku, order_id, quantity, is_read) VALUES"
                        + " (CURRENT_TIMESTAMP, 'LAMP', 'o1', 1, TRUE), (CURRENT_TIMESTAMP, 'LAMP', 'o2', 3, FALSE),"
                        + " (CURRENT_TIMESTAMP, 'LAMP', 'o2', 3, FALSE), (CURRENT_TIMESTAMP, 'LAMP', 'gone', 2, FALSE)");

        bus.handle(new RebuildReadModel());

        assertThat(Tables.rows(dataSource, "SELECT order_id, is_read, state, resolution, resolved_batch FROM notifications ORDER BY id"))
                .containsExactly(
                        Arrays.asList("o1", true, "RESOLVED", "ALLOCATED", "b1"),
                        Arrays.asList("o2", false, "RESOLVED", "SUPERSEDED", null),
                        Arrays.asList("o2", false, "OPEN", null, null),
                        Arrays.asList("gone", false, "RESOLVED", "CANCELLED", null),
                        Arrays.asList("o3", false, "OPEN", null, null));
        assertTheCountsAgree();
    }

    private void sql(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}

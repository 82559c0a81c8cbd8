package com.allocationdesk.allocation.queries;

import com.allocationdesk.allocation.adapters.AppOnStore;
import com.allocationdesk.allocation.adapters.StoreKind;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.MarkNotificationsRead;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The read-side queries against the real read tables, filled through the bus. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class ReadModelQueriesIT {
    @Parameter
    StoreKind kind;
    private AppOnStore desk;
    @TempDir
    Path dir;
    private Bootstrap app;
    private MessageBus bus;

    @BeforeEach
    void start() {
        desk = AppOnStore.start(kind, dir);
        app = desk.app();
        bus = app.get(MessageBus.class);
        bus.handle(new CreateBatch("ship-late", "LAMP", 10, LocalDate.of(2027, 3, 1)));
        bus.handle(new CreateBatch("ship-early", "LAMP", 10, LocalDate.of(2027, 1, 1)));
        bus.handle(new CreateBatch("wh", "LAMP", 5, null));
        bus.handle(new CreateBatch("tables", "TABLE", 2, null));
        bus.handle(new CreateBatch("lampshade", "LAMPSHADE", 1, null));
        bus.handle(new Allocate("order-1", "LAMP", 5));
        bus.handle(new Allocate("order-1", "TABLE", 2));
        bus.handle(new Allocate("order-2", "LAMP", 3));
        bus.handle(new Allocate("ORDER-3", "TABLE", 1));
        bus.handle(new Allocate("order-4", "TABLE", 4));
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    @Test
    void allocationsForOneOrderAreAnExactLookup() {
        assertThat(app.get(AllocationsQuery.class).forOrder("order-1")).containsExactly(
                new AllocationRow("order-1", "LAMP", 5, "wh"), new AllocationRow("order-1", "TABLE", 2, "tables"));
        assertThat(app.get(AllocationsQuery.class).forOrder("order")).isEmpty();
    }

    @Test
    void allocationsPageAndCountWithCaseInsensitivePrefixFilters() {
        AllocationsQuery query = app.get(AllocationsQuery.class);

        assertThat(query.count(null, null)).isEqualTo(3);
        Page<AllocationRow> first = query.page(LineFilter.NONE, AllocationsQuery.DEFAULT_SORT, Seek.first(), 1);
        assertThat(query.page(LineFilter.NONE, AllocationsQuery.DEFAULT_SORT, Seek.after(first.last()), 1).rows())
                .containsExactly(new AllocationRow("order-1", "TABLE", 2, "tables"));
        assertThat(query.page(new LineFilter("ORD", "lamp"), AllocationsQuery.DEFAULT_SORT, Seek.first(), 10).rows())
                .extracting(AllocationRow::orderId).containsExactly("order-1", "order-2");
        assertThat(query.count("order-1", null)).isEqualTo(2);
        assertThat(query.count("%", null)).isZero();
    }

    @Test
    void batchesComeWarehouseFirstThenByEta() {
        assertThat(app.get(BatchesQuery.class).list(null)).extracting(BatchRow::reference)
                .containsExactly("lampshade", "tables", "wh", "ship-early", "ship-late");
        assertThat(app.get(BatchesQuery.class).list("lamp")).extracting(BatchRow::reference)
                .containsExactly("lampshade", "wh", "ship-early", "ship-late");
        assertThat(app.get(BatchesQuery.class).byReference("ship-early")).contains(
                new BatchRow("ship-early", "LAMP", LocalDate.of(2027, 1, 1), 10, 3, 7));
    }

    @Test
    void waitingLinesNotificationsAndTotals() {
        assertThat(app.get(WaitingQuery.class).list("t")).extracting(WaitingRow::orderId).containsExactly("ORDER-3", "order-4");
        assertThat(app.get(WaitingQuery.class).forOrder("order-4")).hasSize(1);
        assertThat(app.get(StockTotalsQuery.class).perSku()).containsExactly(
                new SkuTotals("LAMP", 25, 8, 17, 0), new SkuTotals("LAMPSHADE", 1, 0, 1, 0),
                new SkuTotals("TABLE", 2, 2, 0, 5));
        NotificationsQuery notifications = app.get(NotificationsQuery.class);
        assertThat(notifications.recent(10)).extracting(NotificationRow::orderId).containsExactly("order-4", "ORDER-3");
        assertThat(notifications.recent(1)).singleElement().satisfies(n -> assertThat(n.read()).isFalse());
        assertThat(notifications.unreadCount()).isEqualTo(2);

        bus.handle(new MarkNotificationsRead());

        assertThat(notifications.unreadCount()).isZero();
    }

    @Test
    void aLookupFindsLinesAllocatedOrWaiting() {
        try (OrderLinesQuery.Lookup lookup = app.get(OrderLinesQuery.class).lookup()) {
            assertThat(lookup.quantityOf("order-1", "LAMP")).hasValue(5);
            assertThat(lookup.quantityOf("order-4", "TABLE")).hasValue(4);
            assertThat(lookup.quantityOf("order-9", "TABLE")).isEmpty();
        }
    }
}

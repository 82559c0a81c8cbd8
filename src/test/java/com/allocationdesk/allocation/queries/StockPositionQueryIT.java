package com.allocationdesk.allocation.queries;

import com.allocationdesk.allocation.adapters.AppOnStore;
import com.allocationdesk.allocation.adapters.StoreKind;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
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

/** The stock position per SKU over the real read tables, filled through the bus, on both stores. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class StockPositionQueryIT {
    private static final LocalDate FEB = LocalDate.of(2027, 2, 1);
    private static final LocalDate MAR = LocalDate.of(2027, 3, 1);
    private static final LocalDate JAN = LocalDate.of(2027, 1, 10);

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    private AppOnStore desk;
    private Bootstrap app;

    @BeforeEach
    void start() {
        desk = AppOnStore.start(kind, dir);
        app = desk.app();
        MessageBus bus = app.get(MessageBus.class);
        // LAMP: 10 in the warehouse and two shipments (20 in February, 5 in March)
        bus.handle(new CreateBatch("lamp-wh", "LAMP", 10, null));
        bus.handle(new CreateBatch("lamp-feb", "LAMP", 20, FEB));
        bus.handle(new CreateBatch("lamp-mar", "LAMP", 5, MAR));
        bus.handle(new Allocate("order-1", "LAMP", 8));    // warehouse: 2 left
        bus.handle(new Allocate("order-2", "LAMP", 15));   // February: 5 left
        bus.handle(new Allocate("order-3", "LAMP", 30));   // fits no batch: waits
        bus.handle(new Allocate("order-4", "LAMP", 6));    // 2, 5 and 5 free: waits
        // CHAIR: all of it allocated, nothing waits
        bus.handle(new CreateBatch("chair-wh", "CHAIR", 5, null));
        bus.handle(new Allocate("order-5", "CHAIR", 5));
        // DESK: only a shipment, a line larger than it
        bus.handle(new CreateBatch("desk-jan", "DESK", 3, JAN));
        bus.handle(new Allocate("order-6", "DESK", 4));
        // TABLE: a line waits although the two batches together have enough (3 + 3 free, 5 waiting)
        bus.handle(new CreateBatch("table-wh", "TABLE", 3, null));
        bus.handle(new CreateBatch("table-jan", "TABLE", 3, JAN));
        bus.handle(new Allocate("order-7", "TABLE", 5));
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    @Test
    void oneRowPerSkuWithOnHandInboundAllocatedAvailableWaitingAndShortfall() {
        assertThat(app.get(StockPositionQuery.class).all()).containsExactly(
                new StockPositionRow("CHAIR", 5, 0, null, 5, 0, 0, 0, 0),
                new StockPositionRow("DESK", 0, 3, JAN, 0, 3, 4, 1, 1),
                new StockPositionRow("LAMP", 10, 25, FEB, 23, 12, 36, 2, 24),
                new StockPositionRow("TABLE", 3, 3, JAN, 0, 6, 5, 1, 0));
    }

    @Test
    void oneSkuByItsExactCodeWithItsArrivalsByEta() {
        StockPositionQuery query = app.get(StockPositionQuery.class);

        assertThat(query.of("LAMP")).contains(new StockPositionRow("LAMP", 10, 25, FEB, 23, 12, 36, 2, 24));
        assertThat(query.of("lamp")).isEmpty();
        assertThat(query.of("NOPE")).isEmpty();
        assertThat(query.arrivals("LAMP")).containsExactly(
                new ArrivalRow(null, 10), new ArrivalRow(FEB, 20), new ArrivalRow(MAR, 5));
        assertThat(query.arrivals("CHAIR")).containsExactly(new ArrivalRow(null, 5));
        assertThat(query.arrivals("LAM")).isEmpty();
    }

    @Test
    void theTotalsOfTheStatusBarAreTheSameFigures() {
        assertThat(app.get(StockTotalsQuery.class).perSku()).containsExactly(
                new SkuTotals("CHAIR", 5, 5, 0, 0), new SkuTotals("DESK", 3, 0, 3, 4),
                new SkuTotals("LAMP", 35, 23, 12, 36), new SkuTotals("TABLE", 6, 0, 6, 5));
    }
}

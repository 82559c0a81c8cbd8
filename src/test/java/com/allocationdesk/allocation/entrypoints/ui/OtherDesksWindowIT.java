package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.queries.BatchRow;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another desk on the same database (a second set of units of work, writing as
 * {@code bob@desk-2}) allocates and runs out of stock: the real window refreshes its views and
 * shows the alert naming that desk, without the planner doing anything.
 */
class OtherDesksWindowIT extends WindowFixture {
    private static final Logger log = LoggerFactory.getLogger(OtherDesksWindowIT.class);
    private static final String BOB = "bob@desk-2";

    @Test
    void whatAnotherDeskDoesShowsInThisWindowWithTheOtherDesksName() {
        Store store = app.bootstrap().get(Store.class);
        MessageBus bob = HandlerRegistry.bus(Stores.unitsOfWorkOfDesk(store, BOB), new FakeNotifications(),
                Clock.systemUTC()).build();
        showBatches();

        long committed = System.nanoTime();
        bob.handle(new CreateBatch("B-BOB", "LAMP", 5, null));
        waitUntil("the other desk's batch shows", () -> batchRows().stream().map(BatchRow::reference)
                .anyMatch("B-BOB"::equals));
        log.info("Another desk's batch showed {} ms after its commit", (System.nanoTime() - committed) / 1_000_000);

        bob.handle(new Allocate("ORD-9", "LAMP", 50));
        waitUntil("the banner tells of the other desk's line", () -> node("#alertBanner").isVisible());
        assertThat(text("#alertLabel")).startsWith("Out of stock on " + BOB + ": order ORD-9 needs 50 × LAMP.");

        bob.handle(new Allocate("ORD-10", "LAMP", 3));
        waitUntil("the batch shows what the other desk allocated", () -> batchRows().stream()
                .anyMatch(row -> row.reference().equals("B-BOB") && row.allocated() == 3));
    }
}

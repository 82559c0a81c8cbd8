package com.allocationdesk.allocation.bootstrap;

import com.allocationdesk.allocation.domain.events.Cause;
import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.adapters.orm.HibernateUnitsOfWork;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;
import com.allocationdesk.allocation.servicelayer.EventBroadcaster;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.Notifications;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;
import com.allocationdesk.allocation.queries.AllocationsQuery;
import com.allocationdesk.allocation.queries.BatchesQuery;
import com.allocationdesk.allocation.queries.NotificationsQuery;
import com.allocationdesk.allocation.queries.StockTotalsQuery;
import com.allocationdesk.allocation.queries.WaitingQuery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Weld wiring over a real database file. */
class BootstrapIT {
    private static final Logger log = LoggerFactory.getLogger(BootstrapIT.class);

    @TempDir
    Path dir;

    private AppConfig config() {
        return new AppConfig(dir.resolve("desk"));
    }

    @Test
    void wiresTheBusTheQueriesAndTheBroadcasterOncePerContainer() {
        long started = System.nanoTime();
        try (Bootstrap app = Bootstrap.start(config())) {
            log.info("Bootstrap.start took {} ms", (System.nanoTime() - started) / 1_000_000);
            for (Class<?> type : List.of(MessageBus.class, EventBroadcaster.class, Clock.class, Notifications.class,
                    UnitOfWork.Factory.class, Store.class, AppConfig.class, AllocationsQuery.class, BatchesQuery.class,
                    WaitingQuery.class, StockTotalsQuery.class, NotificationsQuery.class)) {
                assertThat(app.get(type)).as(type.getSimpleName()).isNotNull().isSameAs(app.get(type));
            }
            assertThat(app.get(AppConfig.class)).isEqualTo(config());
            assertThat(app.databasePath()).isEqualTo(dir.resolve("desk"));
        }
    }

    @Test
    void listenersHearEveryEventAfterCommitCascadesIncluded() throws Exception {
        try (Bootstrap app = Bootstrap.start(config())) {
            List<Event> heard = new CopyOnWriteArrayList<>();
            MessageBus bus = app.get(MessageBus.class);
            try (AutoCloseable subscription = app.get(EventBroadcaster.class).subscribe(heard::add)) {
                app.get(EventBroadcaster.class).subscribe(event -> {
                    throw new IllegalStateException("a broken listener");
                });
                bus.handle(new CreateBatch("warehouse", "LAMP", 10, null));
                bus.handle(new CreateBatch("shipment", "LAMP", 10, java.time.LocalDate.of(2027, 1, 1)));
                bus.handle(new Allocate("o1", "LAMP", 8));
                bus.handle(new ChangeBatchQuantity("warehouse", 5));
                bus.handle(new Allocate("o2", "LAMP", 50));
            }
            assertThat(heard).extracting(Object::getClass).containsExactly(BatchCreated.class, BatchCreated.class,
                    Allocated.class, BatchQuantityChanged.class, Deallocated.class, Allocated.class, OutOfStock.class);
            assertThat(app.get(AllocationsQuery.class).forOrder("o1")).singleElement()
                    .satisfies(a -> assertThat(a.batchReference()).isEqualTo("shipment"));
        }
    }

    @Test
    void aRunThatReadsFirstStartsTheWriteSideOnlyWhenAskedOrAtTheFirstCommand() {
        try (Bootstrap app = Bootstrap.start(config().readingFirst())) {
            HibernateUnitsOfWork writeSide = app.get(HibernateUnitsOfWork.class);
            assertThat(app.get(BatchesQuery.class).list(null)).isEmpty();
            assertThat(writeSide.started()).isFalse();

            app.get(MessageBus.class).handle(new CreateBatch("b1", "LAMP", 10, null));

            assertThat(writeSide.started()).isTrue();
            assertThat(app.get(BatchesQuery.class).list(null)).hasSize(1);
        }
        try (Bootstrap app = Bootstrap.start(config().readingFirst())) {
            app.prepareForWrites();
            assertThat(app.get(HibernateUnitsOfWork.class).started()).isTrue();
        }
        try (Bootstrap app = Bootstrap.start(config())) {
            assertThat(app.get(HibernateUnitsOfWork.class).started()).as("writes at once by default").isTrue();
        }
    }

    @Test
    void testsCanSwapAdaptersForFakes() {
        List<OutOfStock> sent = new CopyOnWriteArrayList<>();
        Clock fixed = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);
        try (Bootstrap app = Bootstrap.builder(config()).override(Notifications.class, sent::add)
                .override(Clock.class, fixed).start()) {
            MessageBus bus = app.get(MessageBus.class);
            bus.handle(new CreateBatch("b1", "LAMP", 1, null));

            bus.handle(new Allocate("o1", "LAMP", 5));

            assertThat(sent).containsExactly(new OutOfStock("o1", "LAMP", 5, fixed.instant(), 1, 1, Cause.planner()));
            assertThat(app.get(WaitingQuery.class).list(null)).singleElement()
                    .satisfies(w -> assertThat(w.since()).isEqualTo(fixed.instant()));
        }
    }

    @Test
    void closingShutsTheDatabaseDownSoTheNextStartCanOpenIt() {
        Bootstrap first = Bootstrap.start(config());
        first.get(MessageBus.class).handle(new CreateBatch("b1", "LAMP", 1, null));
        first.close();
        first.close();

        try (Bootstrap second = Bootstrap.start(config())) {
            assertThat(second.get(BatchesQuery.class).list(null)).hasSize(1);
        }
    }

    @Test
    void aDatabaseInUseFailsAtStartWithThePlannersMessage() {
        try (Bootstrap holder = Bootstrap.start(config())) {
            assertThatThrownBy(() -> Bootstrap.start(config())).isInstanceOf(DatabaseUnavailable.class);
        }
    }

    @Test
    void theConfigurationComesFromTheOptionElseTheEnvironment() {
        assertThat(AppConfig.from(dir.resolve("a").toString(), Map.of("ALLOCATION_DESK_DB", dir.resolve("b").toString())))
                .isEqualTo(new AppConfig(dir.resolve("a")));
        assertThat(AppConfig.from(null, Map.of("ALLOCATION_DESK_DB", dir.resolve("b").toString())))
                .isEqualTo(new AppConfig(dir.resolve("b")));
    }
}

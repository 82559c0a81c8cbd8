package com.allocationdesk.allocation.adapters.orm;

import com.allocationdesk.allocation.adapters.StoreKind;
import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.domain.Batch;
import com.allocationdesk.allocation.domain.OrderLine;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.Placement;
import com.allocationdesk.allocation.servicelayer.ConcurrentModification;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.MutableClock;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.EntityKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A product's batches are read when a change needs them, for every product of the unit of work at
 * once, and not before (docs/decisions/0022): what the session holds after each step tells.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class HibernateBatchBookIT {
    @Parameter
    StoreKind kind;

    private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
    private static final LocalDate ETA = LocalDate.of(2027, 1, 15);

    @TempDir
    Path folder;
    private Store store;
    private SessionFactory sessions;

    @BeforeEach
    void open() {
        store = kind.fresh(folder, "books");
        MessageBus bus = HandlerRegistry.bus(Stores.unitsOfWork(store), new FakeNotifications(), new MutableClock(NOW)).build();
        bus.handle(new CreateBatch("lamp-1", "LAMP", 10, null));
        bus.handle(new CreateBatch("lamp-2", "LAMP", 10, ETA));
        bus.handle(new CreateBatch("sofa-1", "SOFA", 2, null));
        bus.handle(new Allocate("o1", "SOFA", 2));
        bus.handle(new Allocate("o2", "SOFA", 3)); // waits: no stock left
        sessions = SessionFactories.build(store.dataSource());
    }

    @AfterEach
    void close() {
        sessions.close();
        store.close();
    }

    @Test
    void addingABatchWithNoLineWaitingReadsNoneOfTheProductsOtherBatches() {
        inSession((session, products) -> {
            Product lamp = products.getAll(List.of("LAMP")).get("LAMP");

            lamp.addBatch("lamp-3", 5, null);

            assertThat(batchesHeldBy(session)).containsExactly("lamp-3");
        });
    }

    @Test
    void theFirstChangeThatNeedsBatchesReadsThoseOfEveryProductOfTheUnitOfWork() {
        inSession((session, products) -> {
            Map<String, Product> found = products.getAll(List.of("LAMP", "SOFA"));
            found.get("LAMP").addBatch("lamp-3", 5, null);

            assertThat(found.get("LAMP").batches()).extracting(Batch::reference)
                    .containsExactly("lamp-1", "lamp-3", "lamp-2");
            assertThat(batchesHeldBy(session)).containsExactlyInAnyOrder("lamp-1", "lamp-2", "lamp-3", "sofa-1");
        });
    }

    @Test
    void aBatchThatServesAWaitingLineIsWeighedAgainstTheOthers() {
        inSession((session, products) -> {
            Product sofa = products.get("SOFA").orElseThrow();

            sofa.addBatch("sofa-2", 5, ETA);

            Allocated served = (Allocated) sofa.pullEvents().stream().filter(Allocated.class::isInstance)
                    .findFirst().orElseThrow();
            assertThat(served.batchReference()).isEqualTo("sofa-2");
            assertThat(served.placement().passedOver()).extracting(Placement.PassedOver::batchReference).containsExactly("sofa-1");
        });
    }

    @Test
    void aChangedBatchThatWasReadIsWrittenByTheFlush() {
        inSession((session, products) -> {
            Product lamp = products.get("LAMP").orElseThrow();
            lamp.allocate(new OrderLine("o3", "LAMP", 4), NOW);
            session.flush();
            session.clear();

            assertThat(session.find(Batch.class, "lamp-1").allocatedQuantity()).isEqualTo(4);
        });
    }

    /** The handlers look every new reference up first; behind them, the key refuses it as a race, so the bus retries. */
    @Test
    void aReferenceStoredButUnreadIsRefusedByThePrimaryKeyAsARace() {
        inSession((session, products) -> {
            Product lamp = products.get("LAMP").orElseThrow();
            lamp.addBatch("lamp-1", 5, null);

            assertThatThrownBy(session::flush)
                    .satisfies(failure -> assertThat(Conflicts.translate((RuntimeException) failure))
                            .isInstanceOf(ConcurrentModification.class));
        });
    }

    /** Runs {@code work} with a repository on a fresh session and rolls back. */
    private void inSession(BiConsumer<Session, HibernateProductRepository> work) {
        try (Session session = sessions.openSession()) {
            session.setHibernateFlushMode(FlushMode.MANUAL);
            session.beginTransaction();
            try {
                ConnectionRunner connection = new ConnectionRunner() {
                    @Override
                    public <T> T call(SqlCall<T> call) {
                        return session.doReturningWork(call::call);
                    }
                };
                work.accept(session, new HibernateProductRepository(session, connection));
            } finally {
                session.getTransaction().rollback();
            }
        }
    }

    /** The references of the batches the session holds. */
    private static Set<String> batchesHeldBy(Session session) {
        Set<?> keys = session.getStatistics().getEntityKeys();
        return keys.stream().map(EntityKey.class::cast)
                .filter(key -> key.getEntityName().equals(Batch.class.getName()))
                .map(key -> String.valueOf(key.getIdentifier())).collect(Collectors.toSet());
    }
}

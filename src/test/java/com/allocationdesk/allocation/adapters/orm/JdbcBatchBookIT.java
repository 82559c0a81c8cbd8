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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A product's batches are read when a change needs them, for every product of the unit of work at
 * once, and not before; the commit writes the new ones and those that changed (docs/decisions/0022).
 * The statements the repository prepares on the unit's connection tell.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class JdbcBatchBookIT {
    @Parameter
    StoreKind kind;

    private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
    private static final LocalDate ETA = LocalDate.of(2027, 1, 15);

    @TempDir
    Path folder;
    private Store store;
    private SessionFactory sessions;
    private final List<String> statements = new ArrayList<>();

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

            assertThat(statements).noneMatch(sql -> sql.startsWith("SELECT") && sql.contains("FROM batches"));
        });
    }

    @Test
    void theFirstChangeThatNeedsBatchesReadsThoseOfEveryProductOfTheUnitOfWorkInOneQuery() {
        inSession((session, products) -> {
            Map<String, Product> found = products.getAll(List.of("LAMP", "SOFA"));
            found.get("LAMP").addBatch("lamp-3", 5, null);

            assertThat(found.get("LAMP").batches()).extracting(Batch::reference)
                    .containsExactly("lamp-1", "lamp-3", "lamp-2");
            assertThat(found.get("SOFA").batches()).extracting(Batch::reference).containsExactly("sofa-1");
            assertThat(statements).filteredOn(sql -> sql.contains("FROM batches")).hasSize(1);
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
            assertThat(served.placement().passedOver()).extracting(Placement.PassedOver::batchReference)
                    .containsExactly("sofa-1");
        });
    }

    @Test
    void theCommitWritesTheNewBatchesAndOnlyThoseThatChanged() {
        inSession((session, products) -> {
            Product lamp = products.get("LAMP").orElseThrow();
            lamp.allocate(new OrderLine("o3", "LAMP", 4), NOW);
            lamp.addBatch("lamp-3", 5, ETA);
            statements.clear();

            session.flush();
            products.flushBooks();

            assertThat(statements).filteredOn(sql -> sql.startsWith("UPDATE batches")).hasSize(1);
            assertThat(stored(session)).containsExactly("lamp-1 LAMP 10/4 null", "lamp-2 LAMP 10/0 " + ETA,
                    "lamp-3 LAMP 5/0 " + ETA, "sofa-1 SOFA 2/2 null");
        });
    }

    /** The handlers look every new reference up first; behind them, the key refuses it as a race, so the bus retries. */
    @Test
    void aReferenceStoredButUnreadIsRefusedByThePrimaryKeyAsARace() {
        inSession((session, products) -> {
            Product lamp = products.get("LAMP").orElseThrow();
            lamp.addBatch("lamp-1", 5, null);
            session.flush();

            assertThatThrownBy(products::flushBooks)
                    .satisfies(failure -> assertThat(Conflicts.translate((RuntimeException) failure))
                            .isInstanceOf(ConcurrentModification.class));
        });
    }

    /** Runs {@code work} with a repository on a fresh session, recording the statements it prepares, and rolls back. */
    private void inSession(BiConsumer<Session, HibernateProductRepository> work) {
        try (Session session = sessions.openSession()) {
            session.setHibernateFlushMode(FlushMode.MANUAL);
            session.beginTransaction();
            try {
                ConnectionRunner connection = new ConnectionRunner() {
                    @Override
                    public <T> T call(SqlCall<T> call) {
                        return session.doReturningWork(c -> call.call(recording(c)));
                    }
                };
                work.accept(session, new HibernateProductRepository(session, connection));
            } finally {
                session.getTransaction().rollback();
            }
        }
    }

    /** {@code connection}, noting the SQL of every statement prepared on it in {@link #statements}. */
    private Connection recording(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        statements.add((String) args[0]);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Every row of {@code batches} as this transaction sees it: "reference sku purchased/allocated eta". */
    private static List<String> stored(Session session) {
        return session.doReturningWork(c -> {
            List<String> rows = new ArrayList<>();
            try (Statement select = c.createStatement(); ResultSet row = select.executeQuery(
                    "SELECT reference, sku, purchased_quantity, allocated_quantity, eta FROM batches ORDER BY reference")) {
                while (row.next()) {
                    rows.add(row.getString(1) + " " + row.getString(2) + " " + row.getInt(3) + "/" + row.getInt(4) + " "
                            + row.getObject(5, LocalDate.class));
                }
            }
            return rows;
        });
    }
}

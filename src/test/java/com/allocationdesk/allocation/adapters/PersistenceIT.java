package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.adapters.postgres.PostgresStore;
import com.allocationdesk.allocation.adapters.postgres.PostgresTestServer;
import com.allocationdesk.allocation.domain.Batch;
import com.allocationdesk.allocation.domain.OrderLine;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.WaitingLine;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.RebuildReadModel;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.MutableClock;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Hibernate unit of work, repository, mapping and migrations against each store. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class PersistenceIT {
    @Parameter
    StoreKind kind;

    /** To the microsecond: what every store keeps (the bus's clock ticks in microseconds). */
    private static final Instant START = Instant.parse("2026-11-27T08:00:00.123456Z");
    private static final LocalDate ETA = LocalDate.of(2026, 12, 3);

    @TempDir
    Path folder;
    private Store database;
    private final MutableClock clock = new MutableClock(START);
    private MessageBus bus;

    @BeforeEach
    void open() {
        reopen();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void reopen() {
        // Some tests write through a unit of work without the bus, so without the projections that
        // fill the read tables: the file store's open-time comparison of the two does not apply to them.
        database = database == null ? fresh() : reopened(database);
        bus = HandlerRegistry.bus(Stores.unitsOfWork(database), new FakeNotifications(), clock).build();
    }

    private Store fresh() {
        return kind == StoreKind.HSQLDB ? Database.open(folder.resolve("desk"), 0, true) : kind.fresh(folder, "desk");
    }

    /** The same database, opened again. */
    private Store reopened(Store store) {
        store.close();
        return store instanceof PostgresStore server
                ? PostgresStore.open(server.address(), PostgresTestServer.USER, PostgresTestServer.PASSWORD)
                : Database.open(folder.resolve("desk"), 0, true);
    }

    private <T> T read(Function<UnitOfWork, T> query) {
        try (UnitOfWork uow = Stores.unitsOfWork(database).start()) {
            return query.apply(uow);
        }
    }

    private Product product(UnitOfWork uow, String sku) {
        return uow.products().get(sku).orElseThrow();
    }

    private int available(String reference) {
        return read(uow -> product(uow, "LAMP").batch(reference).orElseThrow().availableQuantity());
    }

    private long version(String sku) {
        return read(uow -> product(uow, sku).version());
    }

    @Nested
    class Repository {
        @Test
        void aProductWithBatchesAllocationsAndWaitingLinesSurvivesReopeningTheDatabase() {
            try (UnitOfWork uow = Stores.unitsOfWork(database).start()) {
                Product lamp = new Product("LAMP");
                uow.products().add(lamp);
                lamp.addBatch("warehouse", 10, null);
                lamp.addBatch("shipment", 5, ETA);
                lamp.allocate(new OrderLine("o1", "LAMP", 8), START);
                lamp.allocate(new OrderLine("o2", "LAMP", 4), START);
                lamp.allocate(new OrderLine("o3", "LAMP", 7), START);
                uow.commit();
            }

            reopen();

            read(uow -> {
                Product lamp = product(uow, "LAMP");
                assertThat(lamp.batches()).extracting(Batch::reference, Batch::eta, Batch::purchasedQuantity,
                                Batch::allocatedQuantity)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("warehouse", null, 10, 8),
                                org.assertj.core.groups.Tuple.tuple("shipment", ETA, 5, 4));
                assertThat(lamp.allocationsIn("warehouse"))
                        .extracting(a -> a.orderId()).containsExactly("o1");
                assertThat(lamp.waitingLines()).containsExactly(new WaitingLine("o3", "LAMP", 7, START, 3));
                // the line sequence survives too: the next line queues behind o3
                lamp.allocate(new OrderLine("o4", "LAMP", 9), START);
                assertThat(lamp.waitingLines()).extracting(WaitingLine::orderId).containsExactly("o3", "o4");
                return null;
            });
        }

        @Test
        void findsAProductByAnyOfItsBatchReferences() {
            bus.handle(new CreateBatch("b1", "LAMP", 10, null));
            bus.handle(new CreateBatch("b2", "LAMP", 10, ETA));

            Optional<String> found = read(uow -> uow.products().getByBatchReference("b2").map(Product::sku));
            Optional<Product> missing = read(uow -> uow.products().getByBatchReference("nope"));
            assertThat(found).contains("LAMP");
            assertThat(missing).isEmpty();
        }
    }

    @Nested
    class UnitsOfWork {
        @Test
        void workThatIsNotCommittedIsRolledBack() {
            try (UnitOfWork uow = Stores.unitsOfWork(database).start()) {
                Product lamp = new Product("LAMP");
                lamp.addBatch("b1", 10, null);
                uow.products().add(lamp);
                uow.readModel().insertBatch("b1", "LAMP", null, 10);
            }

            Optional<Product> lamp = read(uow -> uow.products().get("LAMP"));
            assertThat(lamp).isEmpty();
            assertThat(TestData.number(database, "SELECT COUNT(*) FROM read_batches")).isZero();
        }

        @Test
        void anExceptionInsideTheBlockRollsBack() {
            bus.handle(new CreateBatch("b1", "LAMP", 10, null));

            assertThatThrownBy(() -> {
                try (UnitOfWork uow = Stores.unitsOfWork(database).start()) {
                    product(uow, "LAMP").allocate(new OrderLine("o1", "LAMP", 3), START);
                    throw new IllegalStateException("boom");
                }
            }).hasMessage("boom");

            assertThat(available("b1")).isEqualTo(10);
        }

        @Test
        void committedWorkIsVisibleToANewUnitOfWork() {
            try (UnitOfWork uow = Stores.unitsOfWork(database).start()) {
                Product lamp = new Product("LAMP");
                lamp.addBatch("b1", 10, null);
                uow.products().add(lamp);
                uow.commit();
            }
            try (UnitOfWork uow = Stores.unitsOfWork(database).start()) {
                product(uow, "LAMP").allocate(new OrderLine("o1", "LAMP", 3), START);
                uow.commit();
            }

            assertThat(available("b1")).isEqualTo(7);
        }
    }

    @Nested
    class Versions {
        @Test
        void changingOnlyABatchQuantityBumpsTheProductVersionByOne() {
            bus.handle(new CreateBatch("b1", "LAMP", 10, null));
            long before = version("LAMP");

            bus.handle(new ChangeBatchQuantity("b1", 12));
            bus.handle(new ChangeBatchQuantity("b1", 15));

            assertThat(version("LAMP")).isEqualTo(before + 2);
        }

        @Test
        void everyCommandThatChangesTheProductBumpsItByExactlyOne() {
            bus.handle(new CreateBatch("b1", "LAMP", 10, null));
            long before = version("LAMP");

            bus.handle(new Allocate("o1", "LAMP", 4));      // allocation row, batch and product rows
            bus.handle(new Allocate("o2", "LAMP", 40));     // a waiting line
            bus.handle(new CancelLine("o1", "LAMP"));
            bus.handle(new CreateBatch("b2", "LAMP", 50, ETA)); // allocates the waiting line

            assertThat(version("LAMP")).isEqualTo(before + 4);
        }

        @Test
        void aChunkBumpsEachOfItsProductsByExactlyOneWhateverChangedInIt() {
            bus.handle(new CreateBatch("b1", "LAMP", 10, null));
            bus.handle(new CreateBatch("b2", "DESK", 1, null));
            bus.handle(new Allocate("o1", "LAMP", 1));
            long lamp = version("LAMP");
            long desk = version("DESK");

            bus.handle(new AllocateLines(List.of(
                    new Allocate("o1", "LAMP", 1),     // already allocated: nothing changes on LAMP
                    new Allocate("o2", "DESK", 1),     // allocated
                    new Allocate("o3", "DESK", 1))));  // waits

            assertThat(version("LAMP")).isEqualTo(lamp + 1);
            assertThat(version("DESK")).isEqualTo(desk + 1);
        }

        @Test
        void aUnitOfWorkThatOnlyReadsLeavesTheVersionAlone() {
            bus.handle(new CreateBatch("b1", "LAMP", 10, null));
            long before = version("LAMP");

            read(uow -> product(uow, "LAMP").batches());
            read(uow -> uow.products().getByBatchReference("b1"));

            assertThat(version("LAMP")).isEqualTo(before);
        }
    }

    @Nested
    class Migrations {
        @Test
        void aFreshDatabaseIsCreatedByFlywayAndValidatedByHibernate() {
            assertThat(TestData.rows(database,
                    "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\""))
                    .as("every migration, V1 to the newest, applied in order")
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1,
                                    com.allocationdesk.allocation.adapters.jdbc.Migrations.SCHEMA_VERSION)
                            .mapToObj(version -> List.<Object>of(Integer.toString(version), true)).toList());
            // rows on disk: HSQLDB's CACHED tables, PostgreSQL's permanent (logged, relpersistence 'p') ones
            String onDisk = kind == StoreKind.HSQLDB ? "CACHED" : "p";
            assertThat(TestData.rows(database, kind == StoreKind.HSQLDB
                    ? "SELECT table_name, hsqldb_type FROM information_schema.system_tables"
                    + " WHERE table_schem = 'PUBLIC' AND table_name IN ('PRODUCTS', 'ALLOCATIONS', 'READ_BATCHES')"
                    + " ORDER BY table_name"
                    : "SELECT relname, relpersistence::text FROM pg_class"
                    + " WHERE relname IN ('products', 'allocations', 'read_batches') AND relkind = 'r' ORDER BY relname"))
                    .extracting(row -> row.get(1)).containsExactly(onDisk, onDisk, onDisk);
        }

        @Test
        void theDatabaseRefusesWhatTheDomainForbids() {
            bus.handle(new CreateBatch("b1", "LAMP", 10, null));

            assertThatThrownBy(() -> TestData.rows(database,
                    "UPDATE batches SET allocated_quantity = 11 WHERE reference = 'b1'")).isNotNull();
            assertThatThrownBy(() -> TestData.rows(database,
                    "INSERT INTO allocations VALUES ('b1', 'o1', 'LAMP', 0, 1)")).isNotNull();
        }

        @Test
        void theReadTablesWrittenCommandByCommandEqualARebuildFromTheWriteModel() {
            bus.handle(new CreateBatch("warehouse", "LAMP", 10, null));
            bus.handle(new CreateBatch("shipment", "LAMP", 20, ETA));
            bus.handle(new CreateBatch("tables", "TABLE", 2, null));
            bus.handle(new Allocate("o1", "LAMP", 8));
            bus.handle(new Allocate("o2", "LAMP", 15));
            clock.advance(Duration.ofMinutes(3));
            bus.handle(new Allocate("o3", "LAMP", 30));
            bus.handle(new Allocate("o3", "TABLE", 1));
            bus.handle(new ChangeBatchQuantity("warehouse", 5));
            bus.handle(new CancelLine("o2", "LAMP"));
            List<List<List<Object>>> projected = readModel();

            bus.handle(new RebuildReadModel());

            assertThat(readModel()).isEqualTo(projected);
            assertThat(projected.get(0)).contains(Arrays.asList("warehouse", "LAMP", 5, 0, 5, null));
            assertThat(projected.get(2)).extracting(row -> row.get(0)).containsExactly("o3");
        }

        private List<List<List<Object>>> readModel() {
            return List.of(
                    TestData.rows(database, "SELECT reference, sku, purchased, allocated, available, eta"
                            + " FROM read_batches ORDER BY reference"),
                    TestData.rows(database, "SELECT * FROM read_allocations ORDER BY order_id, sku"),
                    TestData.rows(database, "SELECT * FROM read_waiting ORDER BY order_id, sku"));
        }
    }
}

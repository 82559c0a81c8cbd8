package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.StoreKind;
import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.adapters.Workers;
import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.domain.OrderLine;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.ConcurrentModification;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.ForwardingUnitOfWork;
import com.allocationdesk.allocation.servicelayer.RetryPolicy;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interleavings (issue 6, reliability 3), in the manner of PostgreSQL's isolation tester: two
 * real {@code HibernateUnitOfWork}s from {@link Stores#unitsOfWork}, each on its own thread,
 * allocate a line of the same Product. Their steps (load, change, commit) are run in every one of
 * the 20 orders that keep each unit's own steps in sequence. A step that does not finish within
 * {@value #BLOCKED_MILLIS} ms counts as blocked (waiting for the other's lock) and the schedule
 * goes on. Expected: when one unit's commit comes before the other's load the two are serial and
 * both commit; otherwise exactly one commits and the other gets {@link ConcurrentModification};
 * re-run in a fresh unit of work (what the bus does) it commits. Lost updates: 0 in every case.
 * The last test shows the bus doing that retry by itself. On both stores: the file and a database of
 * the PostgreSQL test server.
 */
@Timeout(300)
@ParameterizedClass
@EnumSource(StoreKind.class)
class InterleavingsIT {
    private static final String NAME = "interleavings";
    private static final long BLOCKED_MILLIS = 300;

    @Parameter
    StoreKind kind;
    @TempDir
    Path folder;
    private Store database;
    private MessageBus bus;

    @BeforeEach
    void open() {
        database = kind.fresh(folder, "interleavings");
        bus = HandlerRegistry.bus(Stores.unitsOfWork(database), new FakeNotifications(), Clock.systemUTC()).build();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void everyOrderOfTwoUnitsOfWorkStepsEndsWithOneWinnerAndNoLostUpdate() throws Exception {
        List<String> schedules = schedules("", 3, 3);
        assertThat(schedules).hasSize(20);
        int serial = 0;
        int conflicts = 0;
        int blocked = 0;
        int lostUpdates = 0;
        List<String> traces = new ArrayList<>();
        for (int i = 0; i < schedules.size(); i++) {
            String schedule = schedules.get(i);
            String sku = "SKU" + i;
            bus.handle(new CreateBatch("batch" + i, sku, 100, null));
            long versionBefore = version(sku);
            Session a = new Session("A", new OrderLine("a" + i, sku, 3));
            Session b = new Session("B", new OrderLine("b" + i, sku, 4));
            StringBuilder trace = new StringBuilder(schedule).append(':');
            List<String> commitOrder = new ArrayList<>();
            try {
                int[] step = {0, 0};
                for (char who : schedule.toCharArray()) {
                    Session session = who == 'A' ? a : b;
                    int index = step[who - 'A']++;
                    boolean done = session.run(index, commitOrder);
                    trace.append(' ').append(who).append('.').append(Session.STEPS[index]).append(done ? "" : "(blocked)");
                    blocked += done ? 0 : 1;
                }
                a.finish();
                b.finish();
            } finally {
                try {
                    a.close();
                } finally {
                    b.close();
                }
            }
            boolean isSerial = schedule.startsWith("AAA") || schedule.startsWith("BBB");
            if (isSerial) {
                serial++;
                assertThat(a.outcome).as(trace.toString()).isEqualTo("committed");
                assertThat(b.outcome).as(trace.toString()).isEqualTo("committed");
            } else {
                conflicts++;
                assertThat(commitOrder).as("exactly one commits: %s", trace).hasSize(1);
                Session loser = commitOrder.get(0).equals("A") ? b : a;
                assertThat(loser.outcome).as(trace.toString()).isEqualTo("ConcurrentModification");
                // what the bus does: the same work again in a fresh unit of work
                Session retry = new Session(loser.name + "'", loser.line);
                try {
                    for (int s = 0; s < 3; s++) {
                        assertThat(retry.run(s, commitOrder)).as("the retry is not blocked").isTrue();
                    }
                    retry.finish();
                } finally {
                    retry.close();
                }
                assertThat(retry.outcome).as("retry of " + trace).isEqualTo("committed");
                trace.append(" -> ").append(commitOrder.get(0)).append(" won, ").append(loser.name)
                        .append(" conflicted and its retry committed");
            }
            long allocated = Tables.number(ds(), "SELECT allocated_quantity FROM batches WHERE reference = 'batch" + i + "'");
            long lines = Tables.number(ds(), "SELECT COUNT(*) FROM allocations WHERE sku = '" + sku + "'");
            if (allocated != 7 || lines != 2) {
                lostUpdates++;
            }
            assertThat(version(sku)).as("two committed changes: %s", trace).isEqualTo(versionBefore + 2);
            traces.add(trace.toString());
        }
        traces.forEach(t -> Figures.report(NAME, "schedule", t));
        Figures.report(NAME, "interleavings run", schedules.size() + " (" + serial + " serial, " + conflicts
                + " overlapping: one winner + one ConcurrentModification each; " + blocked + " steps blocked)");
        Figures.report(NAME, "lost updates", lostUpdates);
        assertThat(lostUpdates).isZero();
    }

    @Test
    void throughTheBusTheLoserIsRetriedAndBothLinesAreAllocated() throws Exception {
        bus.handle(new CreateBatch("warehouse", "LAMP", 100, null));
        long versionBefore = version("LAMP");
        // the first two units of work both load and change the product, then meet before committing
        CyclicBarrier bothLoaded = new CyclicBarrier(2);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        UnitOfWork.Factory real = Stores.unitsOfWork(database);
        UnitOfWork.Factory meeting = () -> {
            UnitOfWork uow = real.start();
            return started.incrementAndGet() <= 2 ? new MeetAtCommit(uow, bothLoaded) : uow;
        };
        MessageBus racing = HandlerRegistry.bus(meeting, new FakeNotifications(), Clock.systemUTC())
                .retryPolicy(new RetryPolicy(10, Duration.ofMillis(5), pause -> retries.incrementAndGet())).build();
        try (Workers threads = new Workers("racing", 2)) {
            Future<Optional<String>> first = threads.submit(() -> racing.handle(new Allocate("o1", "LAMP", 3)));
            Future<Optional<String>> second = threads.submit(() -> racing.handle(new Allocate("o2", "LAMP", 4)));
            assertThat(first.get(30, TimeUnit.SECONDS)).contains("warehouse");
            assertThat(second.get(30, TimeUnit.SECONDS)).contains("warehouse");
        }
        Figures.report(NAME, "through the bus: conflicts retried", retries.get());
        assertThat(retries.get()).as("the loser was retried once").isEqualTo(1);
        assertThat(Tables.number(ds(), "SELECT allocated_quantity FROM batches WHERE reference = 'warehouse'")).isEqualTo(7);
        assertThat(version("LAMP")).isEqualTo(versionBefore + 2);
    }

    /** Every sequence of a A's and b B's. */
    private static List<String> schedules(String prefix, int a, int b) {
        if (a == 0 && b == 0) {
            return List.of(prefix);
        }
        List<String> all = new ArrayList<>();
        if (a > 0) {
            all.addAll(schedules(prefix + 'A', a - 1, b));
        }
        if (b > 0) {
            all.addAll(schedules(prefix + 'B', a, b - 1));
        }
        return all;
    }

    private DataSource ds() {
        return database.dataSource();
    }

    private long version(String sku) {
        return Tables.number(ds(), "SELECT version FROM products WHERE sku = '" + sku + "'");
    }

    /** One unit of work on its own thread, stepped from outside; closing it ends the thread. */
    private final class Session implements AutoCloseable {
        static final String[] STEPS = {"load", "change", "commit"};
        final String name;
        final OrderLine line;
        private final Workers thread;
        private final List<Future<?>> pending = new ArrayList<>();
        private UnitOfWork uow;
        private Product product;
        volatile String outcome = "not committed";

        Session(String name, OrderLine line) {
            this.name = name;
            this.line = line;
            this.thread = new Workers("session-" + name, 1);
        }

        /** Runs step {@code index}; true when it finished within the blocking threshold. */
        boolean run(int index, List<String> commitOrder) throws Exception {
            Future<?> future = thread.submit(() -> {
                switch (index) {
                    case 0 -> {
                        uow = Stores.unitsOfWork(database).start();
                        product = uow.products().get(line.sku()).orElseThrow();
                    }
                    case 1 -> product.allocate(line, Instant.now());
                    default -> {
                        try {
                            uow.commit();
                            outcome = "committed";
                            synchronized (commitOrder) {
                                commitOrder.add(name);
                            }
                        } catch (ConcurrentModification e) {
                            outcome = "ConcurrentModification";
                        }
                    }
                }
                return null;
            });
            pending.add(future);
            try {
                future.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            }
        }

        void finish() throws Exception {
            for (Future<?> future : pending) {
                future.get(20, TimeUnit.SECONDS); // a deadlock fails here
            }
        }

        /** Rolls back what was not committed, on the unit's own thread, then stops and joins that thread. */
        @Override
        public void close() throws Exception {
            try {
                thread.submit(() -> {
                    if (uow != null) {
                        uow.close();
                    }
                    return null;
                }).get(20, TimeUnit.SECONDS);
            } finally {
                thread.close();
            }
        }
    }

    /**
     * Holds the first units of work when the bus collects their events (after the handler has
     * loaded and changed the product, before the projections write the read tables and the unit
     * commits) until both have got there.
     */
    private static final class MeetAtCommit extends ForwardingUnitOfWork {
        private final CyclicBarrier barrier;
        private boolean met;

        MeetAtCommit(UnitOfWork delegate, CyclicBarrier barrier) {
            super(delegate);
            this.barrier = barrier;
        }

        @Override
        public java.util.List<com.allocationdesk.allocation.domain.events.Event> collectNewEvents() {
            if (!met) {
                met = true;
                try {
                    barrier.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other unit of work never got to its commit", e);
                }
            }
            return delegate.collectNewEvents();
        }
    }
}

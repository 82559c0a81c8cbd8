package com.allocationdesk.allocation.views;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The warm session {@link Sql} keeps per query object: reuse, freshness, threads, failures, shutdown. */
class SqlSessionIT {
    private static final String FOR_ORDER = "SELECT order_id, sku, quantity, batch_reference FROM allocations_view"
            + " WHERE order_id = ? ORDER BY sku";

    @TempDir
    Path dir;
    private Bootstrap app;
    private MessageBus bus;
    private Counting counting;
    private Sql sql;

    @BeforeEach
    void start() {
        app = Bootstrap.start(new AppConfig(dir.resolve("desk")));
        bus = app.get(MessageBus.class);
        bus.handle(new CreateBatch("wh", "LAMP", 1_000, null));
        for (int i = 0; i < 20; i++) {
            bus.handle(new Allocate("order-" + i, "LAMP", i + 1));
        }
        counting = new Counting(app.get(DataSource.class));
        sql = new Sql(counting.dataSource());
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private List<Integer> quantitiesOf(String orderId) {
        return sql.list(FOR_ORDER, rs -> rs.getInt(3), orderId);
    }

    @Test
    void repeatedQueriesReuseOneConnectionAndOneStatement() {
        for (int i = 0; i < 50; i++) {
            assertThat(quantitiesOf("order-" + (i % 20))).containsExactly(i % 20 + 1);
        }

        assertThat(counting.connectionsTaken.get()).isEqualTo(1);
        assertThat(counting.statementsPrepared.get()).isEqualTo(1);
        assertThat(counting.connectionsOpen()).isEqualTo(1);
        assertThat(sql.hasIdleSession()).isTrue();
    }

    @Test
    void aKeptSessionStillSeesWhatWasCommittedSince() {
        BatchesQuery batches = app.get(BatchesQuery.class);
        assertThat(batches.list("LAMP")).extracting(BatchView::reference).containsExactly("wh");
        assertThat(quantitiesOf("order-new")).isEmpty();

        bus.handle(new CreateBatch("wh-2", "LAMP", 5, null));
        bus.handle(new Allocate("order-new", "LAMP", 7));

        assertThat(batches.list("LAMP")).extracting(BatchView::reference).containsExactly("wh", "wh-2");
        assertThat(quantitiesOf("order-new")).containsExactly(7);
    }

    @Test
    void concurrentCallersGetTheirOwnRowsAndAtMostOneConnectionIsKept() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        int order = (thread * 7 + i) % 20;
                        assertThat(quantitiesOf("order-" + order)).containsExactly(order + 1);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(counting.connectionsOpen()).isEqualTo(1);
        assertThat(sql.hasIdleSession()).isTrue();
    }

    @Test
    void aFailedQueryDropsItsSessionAndTheNextOneWorks() {
        assertThat(quantitiesOf("order-1")).containsExactly(2);

        assertThatThrownBy(() -> sql.list("SELECT no_such_column FROM allocations_view", rs -> 1))
                .isInstanceOf(QueryFailed.class).hasMessageStartingWith("Could not read the views: ");

        assertThat(counting.connectionsOpen()).isZero();
        assertThat(quantitiesOf("order-1")).containsExactly(2);
        assertThat(counting.connectionsOpen()).isEqualTo(1);
    }

    @Test
    void aConsumerThatThrowsClosesTheSessionInsteadOfKeepingIt() {
        RuntimeException stop = new IllegalStateException("stop");

        assertThatThrownBy(() -> sql.each("SELECT order_id FROM allocations_view ORDER BY order_id", 1_000, rs -> {
            throw stop;
        })).isSameAs(stop);

        assertThat(counting.connectionsOpen()).isZero();
        assertThat(sql.hasIdleSession()).isFalse();
        assertThat(quantitiesOf("order-3")).containsExactly(4);
    }

    @Test
    void moreDistinctStatementsThanTheCacheHoldsAreClosedAsTheyFallOut() {
        int distinct = Sql.STATEMENTS_PER_SESSION + 5;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < distinct; i++) {
                assertThat(sql.integer("SELECT COUNT(*) + " + i + " FROM allocations_view")).isEqualTo(20 + i);
            }
        }

        assertThat(counting.statementsPrepared.get() - counting.statementsClosed.get())
                .isEqualTo(Sql.STATEMENTS_PER_SESSION);
        assertThat(counting.connectionsOpen()).isEqualTo(1);
    }

    @Test
    void afterTheDatabaseClosedAKeptSessionFailsLikeAFreshConnectionAndTheFilesReopen() {
        AllocationsQuery allocations = app.get(AllocationsQuery.class);
        assertThat(allocations.forOrder("order-2")).extracting(AllocationView::quantity).containsExactly(3);
        assertThat(quantitiesOf("order-2")).containsExactly(3);

        app.close();
        app = null;

        assertThatThrownBy(() -> allocations.forOrder("order-2"))
                .isInstanceOf(QueryFailed.class).hasMessageStartingWith("Could not read the views: ");
        assertThatThrownBy(() -> quantitiesOf("order-2"))
                .isInstanceOf(QueryFailed.class).hasMessageStartingWith("Could not read the views: ");
        try (Bootstrap reopened = Bootstrap.start(new AppConfig(dir.resolve("desk")))) {
            assertThat(reopened.get(AllocationsQuery.class).forOrder("order-2"))
                    .extracting(AllocationView::quantity).containsExactly(3);
        }
    }

    /** Wraps a data source to count connections taken and given back, and statements prepared and closed. */
    private static final class Counting {
        final AtomicInteger connectionsTaken = new AtomicInteger();
        final AtomicInteger connectionsClosed = new AtomicInteger();
        final AtomicInteger statementsPrepared = new AtomicInteger();
        final AtomicInteger statementsClosed = new AtomicInteger();
        private final DataSource target;

        Counting(DataSource target) {
            this.target = target;
        }

        int connectionsOpen() {
            return connectionsTaken.get() - connectionsClosed.get();
        }

        DataSource dataSource() {
            return proxy(DataSource.class, target, (method, result) -> {
                if (method.equals("getConnection")) {
                    connectionsTaken.incrementAndGet();
                    return connection((Connection) result);
                }
                return result;
            });
        }

        private Connection connection(Connection connection) {
            return proxy(Connection.class, connection, (method, result) -> {
                if (method.equals("close")) {
                    connectionsClosed.incrementAndGet();
                } else if (method.equals("prepareStatement")) {
                    statementsPrepared.incrementAndGet();
                    return statement((PreparedStatement) result);
                }
                return result;
            });
        }

        private PreparedStatement statement(PreparedStatement statement) {
            return proxy(PreparedStatement.class, statement, (method, result) -> {
                if (method.equals("close")) {
                    statementsClosed.incrementAndGet();
                }
                return result;
            });
        }

        private interface After {
            Object call(String method, Object result);
        }

        private static <T> T proxy(Class<T> type, T target, After after) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
                Object result;
                try {
                    result = method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                return after.call(method.getName(), result);
            }));
        }
    }
}

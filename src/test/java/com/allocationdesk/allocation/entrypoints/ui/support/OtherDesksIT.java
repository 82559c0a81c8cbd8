package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.bootstrap.DeskIdentity;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates.Topic;
import com.allocationdesk.allocation.queries.EventLogQuery;
import com.allocationdesk.allocation.servicelayer.EventBroadcaster;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following the other desks over a real ledger: a second set of units of work on the same database
 * writes as {@code bob@desk-2}; this desk is {@code alice@desk-1}.
 */
@Timeout(120)
class OtherDesksIT {
    private static final String ALICE = "alice@desk-1";
    private static final String BOB = "bob@desk-2";

    @TempDir
    Path folder;
    private Database database;
    private MessageBus alice;
    private MessageBus bob;
    private final Told told = new Told();
    private OtherDesks following;

    @BeforeEach
    void open() {
        database = Database.open(folder.resolve("desk"));
        alice = HandlerRegistry.bus(Stores.unitsOfWorkOfDesk(database, ALICE), new FakeNotifications(),
                Clock.systemUTC()).build();
        bob = HandlerRegistry.bus(Stores.unitsOfWorkOfDesk(database, BOB), new FakeNotifications(),
                Clock.systemUTC()).build();
        following = new OtherDesks(new EventLogQuery(database.dataSource()), told, new DeskIdentity(ALICE));
    }

    @AfterEach
    void close() {
        following.stop();
        database.close();
    }

    @Test
    void whatAnotherDeskCommitsAfterTheStartIsPassedOnWithItsDeskAndOwnEntriesAreNot() {
        bob.handle(new CreateBatch("before", "LAMP", 1, null)); // before this desk followed: already on screen
        assertThat(following.poll()).as("the first read starts at the end of the log").isZero();

        alice.handle(new CreateBatch("mine", "LAMP", 1, null));
        assertThat(following.poll()).as("this desk's own entries").isZero();
        assertThat(told.topics).isEmpty();

        bob.handle(new CreateBatch("shelf", "LAMP", 2, null));
        bob.handle(new Allocate("ORD-1", "LAMP", 2));
        bob.handle(new Allocate("ORD-2", "LAMP", 40));
        alice.handle(new Allocate("ORD-3", "LAMP", 30));
        assertThat(following.poll()).isEqualTo(3);

        assertThat(told.topics).isEqualTo(EnumSet.allOf(Topic.class));
        assertThat(told.alerts).as("only the other desk's line, with its desk and quantity")
                .containsExactly(new StockAlert("ORD-2", "LAMP", 40, BOB));
        assertThat(following.poll()).as("nothing new").isZero();
    }

    @Test
    void aBacklogLongerThanAPageIsReadAtOnceInOrder() {
        following.poll();
        bob.handle(new CreateBatch("big", "LAMP", 10_000, null));
        for (int i = 0; i < OtherDesks.PAGE + 20; i++) {
            bob.handle(new Allocate("ORD-" + i, "LAMP", 1));
        }
        bob.handle(new CancelLine("ORD-0", "LAMP"));

        assertThat(following.poll()).isEqualTo(OtherDesks.PAGE + 22);
        assertThat(told.calls).as("one call per page").isEqualTo(2);
        assertThat(following.poll()).isZero();
    }

    @Test
    void aLedgerThatCannotBeReadIsToldOnceAndAgainWhenItCanBe() throws Exception {
        AtomicBoolean serverDown = new AtomicBoolean();
        following = new OtherDesks(new EventLogQuery(refusingWhen(serverDown)), told, new DeskIdentity(ALICE));
        List<OtherDesks.Reachability> changes = new CopyOnWriteArrayList<>();
        following.onReachability(changes::add);
        bob.handle(new CreateBatch("shelf", "LAMP", 2, null));
        following.poll(); // where the log ends, before the thread reads on
        following.start();

        serverDown.set(true);
        waitFor(() -> changes.contains(OtherDesks.Reachability.UNREACHABLE));
        bob.handle(new Allocate("ORD-1", "LAMP", 5)); // committed while this desk cannot read
        Thread.sleep(4 * OtherDesks.POLL_MILLIS);
        assertThat(changes).as("said once, not at every read").containsExactly(OtherDesks.Reachability.UNREACHABLE);

        serverDown.set(false);
        waitFor(() -> changes.size() == 2 && told.alerts.size() == 1);
        assertThat(changes).containsExactly(OtherDesks.Reachability.UNREACHABLE, OtherDesks.Reachability.REACHABLE);
        assertThat(told.alerts).as("what was committed while away is not missed")
                .containsExactly(new StockAlert("ORD-1", "LAMP", 5, BOB));
    }

    /** The database's connections, refused while {@code down} (as a server that went away refuses them). */
    private DataSource refusingWhen(AtomicBoolean down) {
        DataSource real = database.dataSource();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && down.get()) {
                        throw new SQLException("Connection refused");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void waitFor(Condition condition) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** What the window would have been told. */
    private static final class Told extends LiveUpdates {
        final Set<Topic> topics = EnumSet.noneOf(Topic.class);
        final List<StockAlert> alerts = new CopyOnWriteArrayList<>();
        int calls;

        Told() {
            super(new EventBroadcaster());
        }

        @Override
        public synchronized void changedElsewhere(Set<Topic> changed, List<StockAlert> waiting) {
            calls++;
            topics.addAll(changed);
            alerts.addAll(new ArrayList<>(waiting));
        }
    }
}

package com.allocationdesk.allocation.adapters.db;

import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.domain.OrderLine;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@link Database#close} while other threads are still inside a transaction: it must not wait for
 * them (a {@code BACKUP DATABASE … BLOCKING} at close once hung the suite, waiting for a worker that
 * held a row lock), must keep every acknowledged commit and nothing else, and must acknowledge no
 * commit that comes after it.
 */
@Timeout(120)
class CloseWhileOthersWorkIT {
    /** Far more than a close of a small database takes (tens of milliseconds), far less than forever. */
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path folder;
    /** Threads a test started: each must have ended when the test does. */
    private final List<Thread> workers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void workersHaveEnded() throws InterruptedException {
        release.countDown();
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(worker.isAlive()).as("%s still running after the test", worker.getName()).isFalse();
        }
    }

    @Test
    void closeDoesNotWaitForAnotherThreadHoldingARowLockAndKeepsExactlyTheCommittedRows() throws Exception {
        Path path = folder.resolve("desk");
        Database database = Database.open(path, 3);
        insert(database, "P1", "P2", "P3");
        CountDownLatch locked = new CountDownLatch(1);
        AtomicReference<Throwable> holderFailed = new AtomicReference<>();
        start("row-lock-holder", () -> {
            try (Connection connection = database.dataSource().getConnection()) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("UPDATE products SET version = 99 WHERE sku = 'P1'");
                    statement.executeUpdate("INSERT INTO products VALUES ('NEVER-COMMITTED', 0, 0)");
                }
                locked.countDown();
                release.await(60, TimeUnit.SECONDS);
                connection.rollback();
            } catch (SQLException e) {
                // expected once the database has been shut down under it
            } catch (Throwable e) {
                holderFailed.set(e);
            }
        });
        assertThat(locked.await(20, TimeUnit.SECONDS)).as("the other thread holds its row lock").isTrue();
        List<ILoggingEvent> logged = new ArrayList<>();

        try (AutoCloseable capture = capture(Database.class.getPackageName(), logged)) {
            assertTimeoutPreemptively(CLOSE_WITHIN, database::close, "close waited for the other thread's transaction");
        }

        assertThat(holderFailed.get()).isNull();
        assertThat(warnings(logged)).anySatisfy(warning -> assertThat(warning)
                .contains("1 other session").contains("still in a transaction").contains("rolls").contains(path.toString()));
        try (Database reopened = Database.open(path, 0)) {
            assertThat(products(reopened)).as("every committed row, none of the open transaction")
                    .containsExactly("P1 0", "P2 0", "P3 0");
        }
        List<Path> backups = Backups.list(path);
        assertThat(backups).as("the session's backup, taken of the closed files").hasSize(1);
        try (Database backup = Database.open(backups.get(0).resolve("desk"), 0)) {
            assertThat(products(backup)).containsExactly("P1 0", "P2 0", "P3 0");
        }
    }

    @Test
    void closeDoesNotWaitForAUnitOfWorkInProgressAndThatUnitCannotCommitAfterIt() throws Exception {
        Path path = folder.resolve("desk");
        Database database = Database.open(path, 3);
        UnitOfWork.Factory units = Stores.unitsOfWork(database);
        HandlerRegistry.bus(units, new FakeNotifications(), Clock.systemUTC()).build()
                .handle(new CreateBatch("b1", "LAMP", 10, null));
        List<String> committed = products(database);
        CountDownLatch loaded = new CountDownLatch(1);
        AtomicReference<Throwable> commitOutcome = new AtomicReference<>();
        start("unit-of-work", () -> {
            try (UnitOfWork uow = units.start()) {
                Product lamp = uow.products().get("LAMP").orElseThrow();
                lamp.allocate(new OrderLine("o1", "LAMP", 3), Instant.now());
                loaded.countDown();
                release.await(60, TimeUnit.SECONDS);
                uow.commit();
                commitOutcome.set(new AssertionError("the commit after close was acknowledged"));
            } catch (Throwable e) {
                commitOutcome.set(e);
            }
        });
        assertThat(loaded.await(60, TimeUnit.SECONDS)).as("the unit of work loaded its product").isTrue();

        assertTimeoutPreemptively(CLOSE_WITHIN, database::close, "close waited for the unit of work");
        release.countDown();
        workersHaveEnded();

        assertThat(commitOutcome.get()).isInstanceOf(DatabaseUnavailable.class).hasMessage("The database " + path
                + " is closed: the change was not saved.");
        try (Database reopened = Database.open(path, 0)) {
            assertThat(count(reopened, "allocations")).as("nothing of the refused commit").isZero();
            assertThat(products(reopened)).isEqualTo(committed);
        }
    }

    @Test
    void closeIsBoundedWhenEveryPooledConnectionIsCheckedOut() throws Exception {
        Path path = folder.resolve("desk");
        Database database = Database.open(path, 3);
        insert(database, "P1");
        List<Connection> taken = new ArrayList<>();
        try {
            for (int i = 0; i < HsqldbEngine.POOL_SIZE; i++) {
                taken.add(database.dataSource().getConnection());
            }
            taken.get(0).setAutoCommit(false);
            try (Statement statement = taken.get(0).createStatement()) {
                statement.executeUpdate("UPDATE products SET version = 7 WHERE sku = 'P1'");
            }

            assertTimeoutPreemptively(CLOSE_WITHIN, database::close, "close waited for a pooled connection");
        } finally {
            for (Connection connection : taken) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // the engine is shut down under it
                }
            }
        }
        try (Database reopened = Database.open(path, 0)) {
            assertThat(products(reopened)).containsExactly("P1 0");
        }
        assertThat(Backups.list(path)).hasSize(1);
    }

    private void start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        workers.add(thread);
        thread.start();
    }

    private static void insert(Database database, String... skus) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String sku : skus) {
                statement.execute("INSERT INTO products VALUES ('" + sku + "', 0, 0)");
            }
        }
    }

    private static List<String> products(Database database) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT sku, version FROM products ORDER BY sku")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getLong(2));
            }
        }
        return rows;
    }

    private static long count(Database database, String table) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static AutoCloseable capture(String loggerName, List<ILoggingEvent> into) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.list = into;
        appender.start();
        logger.addAppender(appender);
        return () -> {
            logger.detachAppender(appender);
            appender.stop();
        };
    }

    private static List<String> warnings(List<ILoggingEvent> logged) {
        return logged.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }
}

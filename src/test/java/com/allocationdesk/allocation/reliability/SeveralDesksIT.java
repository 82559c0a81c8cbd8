package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.adapters.postgres.PostgresStore;
import com.allocationdesk.allocation.adapters.postgres.PostgresTestServer;
import com.allocationdesk.allocation.adapters.postgres.ServerAddress;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several desks on one PostgreSQL server, each a JVM of its own ({@link ServerDesk}): they allocate
 * the same SKU at once, are killed with SIGKILL mid-stream, and keep running while the server is
 * stopped and started again. What a desk acknowledged is never lost, nothing is over-allocated, and
 * every committed command grew the product's version by one.
 */
@Timeout(600)
class SeveralDesksIT {
    private static final Logger log = LoggerFactory.getLogger(SeveralDesksIT.class);
    private static final String SKU = "HOT";
    /** Rounds of three desks started and killed mid-stream: 3 in verify, 6 with {@code -Psoak}. */
    private static final int KILL_ROUNDS = Figures.soak() ? 6 : 3;

    @TempDir
    Path logs;
    private ServerAddress server;
    private PostgresStore store;
    private final List<Desk> desks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        server = PostgresTestServer.newDatabase("several_desks");
        store = PostgresStore.open(server, PostgresTestServer.USER, PostgresTestServer.PASSWORD);
        MessageBus setUp = HandlerRegistry.bus(Stores.unitsOfWorkOfDesk(store, "setup@test"), new FakeNotifications(),
                Clock.systemUTC()).build();
        setUp.handle(new CreateBatch("warehouse", SKU, 600, null));
        setUp.handle(new CreateBatch("ship", SKU, 400, LocalDate.of(2027, 1, 15)));
    }

    @AfterEach
    void close() {
        desks.forEach(desk -> desk.process.destroyForcibly());
        store.close();
    }

    @Test
    void fourDesksAllocatingOneSkuNeverOverAllocateAndEachCommitGrowsTheVersionOnce() throws Exception {
        long versionBefore = number("SELECT version FROM products WHERE sku = '" + SKU + "'");
        for (int d = 0; d < 4; d++) {
            desks.add(Desk.start(server, "desk" + d, 200, logs));
        }
        for (Desk desk : desks) {
            assertThat(desk.finish(5, TimeUnit.MINUTES)).as("desk %s finished", desk.name).isTrue();
            assertThat(desk.process.exitValue()).as("desk %s's exit code (log: %s)", desk.name, logs).isZero();
            assertThat(desk.acknowledged).as("desk %s acknowledged every line", desk.name).hasSize(200);
        }
        long retries = desks.stream().mapToLong(desk -> desk.retries).sum();
        log.info("4 desks x 200 allocations of one SKU on PostgreSQL: {} conflicts retried", retries);
        Figures.report("SeveralDesksIT", "conflicts retried, 4 desks x 200 allocations of one SKU", retries);

        assertThat(number("""
                SELECT COUNT(*) FROM batches b
                WHERE b.allocated_quantity > b.purchased_quantity
                   OR b.allocated_quantity <> (SELECT COALESCE(SUM(a.quantity), 0) FROM allocations a
                                               WHERE a.batch_reference = b.reference)""")).as("over-allocated batches").isZero();
        assertThat(number("SELECT COUNT(*) FROM allocations") + number("SELECT COUNT(*) FROM waiting_lines"))
                .as("every line allocated or waiting, once").isEqualTo(800);
        assertThat(number("SELECT COUNT(*) FROM waiting_lines w WHERE w.quantity <= "
                + "(SELECT MAX(purchased_quantity - allocated_quantity) FROM batches)"))
                .as("lines waiting although a batch could take them").isZero();
        assertThat(number("SELECT version FROM products WHERE sku = '" + SKU + "'") - versionBefore)
                .as("version growth = commits").isEqualTo(800);
        assertThat(retries).as("the desks did meet").isPositive();
    }

    @Test
    void desksKilledMidStreamLoseNothingTheyAcknowledgedAndLeaveNoLockBehind() throws Exception {
        Random random = new Random(14);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<Desk> running = new ArrayList<>();
            for (int d = 0; d < 3; d++) {
                running.add(Desk.start(server, "r" + round + "d" + d, -1, logs));
            }
            desks.addAll(running);
            for (Desk desk : running) {
                desk.awaitAcknowledged(3); // started, and in the middle of its stream
            }
            Thread.sleep(random.nextInt(1_500));
            for (Desk desk : running) {
                desk.process.destroyForcibly();
                desk.finish(60, TimeUnit.SECONDS);
                acknowledged.addAll(desk.acknowledged);
            }
        }
        assertThat(acknowledged).as("lines acknowledged before the kills").hasSizeGreaterThanOrEqualTo(KILL_ROUNDS * 3 * 3);
        Set<String> stored = orderIds();
        assertThat(stored).as("every acknowledged line is allocated or waiting").containsAll(acknowledged);
        assertThat(number("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'")).as("advisory locks left").isZero();

        Desk after = Desk.start(server, "after", 5, logs);
        desks.add(after);
        assertThat(after.finish(60, TimeUnit.SECONDS)).as("a desk after the kills works at once").isTrue();
        assertThat(after.acknowledged).hasSize(5);
    }

    @Test
    void aDeskCarriesOnWhenTheServerIsStoppedAndStartedAgain() throws Exception {
        Desk desk = Desk.start(server, "through", -1, logs);
        desks.add(desk);
        desk.awaitAcknowledged(20);
        PostgresTestServer.get().restart(Duration.ofSeconds(2)); // a fast shutdown, 2 s away, the same data again
        int before = desk.acknowledged.size();
        desk.awaitAcknowledged(before + 20);
        desk.process.destroyForcibly();
        desk.finish(60, TimeUnit.SECONDS);

        assertThat(desk.failed).as("the desk was refused while the server was away").isPositive();
        assertThat(orderIds()).as("every acknowledged line is there after the restart").containsAll(desk.acknowledged);
    }

    private long number(String sql) throws SQLException {
        try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Set<String> orderIds() throws SQLException {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT order_id FROM allocations UNION ALL SELECT order_id FROM waiting_lines")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** One desk's JVM and what it said. */
    private static final class Desk {
        final String name;
        final Process process;
        private Thread reader;
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        volatile int failed;
        volatile long retries;

        private Desk(String name, Process process) {
            this.name = name;
            this.process = process;
        }

        static Desk start(ServerAddress server, String name, int lines, Path logs) throws IOException {
            ProcessBuilder builder = ChildJvm.builder(ServerDesk.class,
                            List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dallocationdesk.logdir=" + logs.resolve(name)),
                            server.toString(), PostgresTestServer.USER, name + "@test", name, SKU, String.valueOf(lines))
                    .redirectError(logs.resolve(name + ".err").toFile());
            builder.environment().put("PGPASSWORD", PostgresTestServer.PASSWORD);
            Process process = builder.start();
            Desk desk = new Desk(name, process);
            desk.reader = new Thread(desk::read, "desk-" + name + "-output");
            desk.reader.setDaemon(true);
            desk.reader.start();
            return desk;
        }

        /** Waits for the JVM to end and for everything it printed to be read; false when it did not end in time. */
        boolean finish(long timeout, TimeUnit unit) throws InterruptedException {
            if (!process.waitFor(timeout, unit)) {
                return false;
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return true;
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String[] words = line.split(" ");
                    switch (words[0]) {
                        case "ACK" -> acknowledged.add(words[1]);
                        case "FAIL" -> failed++;
                        case "DONE" -> retries = Long.parseLong(words[2]);
                        default -> { }
                    }
                }
            } catch (IOException killed) {
                // the desk was killed: what it said so far counts
            }
        }

        void awaitAcknowledged(int lines) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acknowledged.size() < lines) {
                assertThat(process.isAlive()).as("desk %s still runs", name).isTrue();
                assertThat(System.nanoTime()).as("desk %s acknowledged %d lines in 120 s", name, lines).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }
}

package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.domain.commands.RebuildReadModel;
import com.allocationdesk.allocation.entrypoints.Main;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli.Run;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports (issue 6, benchmark 4, the correctness half): an {@code import-orders} killed with
 * {@code kill -9} half-way (a separate JVM running the jar's {@code Main}, committing chunks of
 * 50) and then run again to the end leaves every line allocated or waiting exactly once, as one
 * uninterrupted import would. {@code CliIT} re-runs a <em>completed</em> import and
 * {@code BulkCommandsWithFakesTest} an interrupted chunk over fakes; this is the real database and
 * a real crash.
 */
@Timeout(300)
class InterruptedImportIT {
    private static final String NAME = "interrupted import";
    private static final int LINES = 20_000;

    @TempDir
    Path dir;

    @Test
    void reRunningAnImportKilledHalfWayFinishesItWithoutDoublingAnything() throws Exception {
        Path db = dir.resolve("data").resolve("desk");
        assertThat(cli(db, "add-batch", "lamps", "LAMP", Integer.toString(LINES)).code()).isZero();
        assertThat(cli(db, "add-batch", "tables", "TABLE", Integer.toString(LINES / 4)).code()).isZero();
        StringBuilder csv = new StringBuilder("orderid,sku,qty\n");
        for (int i = 0; i < LINES; i++) {
            csv.append("o").append(i).append(i % 2 == 0 ? ",LAMP,1\n" : ",TABLE,1\n");
        }
        Path file = Files.writeString(dir.resolve("orders.csv"), csv);

        Process child = ChildJvm.builder(Main.class, List.of("-Dallocationdesk.logdir=" + dir.resolve("logs")),
                        "--db", db.toString(), "import-orders", file.toString(), "--chunk", "50")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
        Path log = db.resolveSibling("desk.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive() && (!Files.exists(log) || Files.size(log) < 200_000)) {
            assertThat(System.nanoTime()).as("the import never got going").isLessThan(deadline);
            Thread.sleep(5);
        }
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);

        long placedAtKill;
        try (Database database = Database.open(db)) {
            placedAtKill = placed(database.dataSource());
        }
        Figures.report(NAME, "lines placed when killed", placedAtKill + " of " + LINES);
        assertThat(placedAtKill).as("killed half-way").isBetween(1L, LINES - 1L);

        Run rerun = cli(db, "import-orders", file.toString());
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("Imported " + LINES + " order lines");

        try (Database database = Database.open(db)) {
            DataSource ds = database.dataSource();
            assertThat(placed(ds)).as("every line once").isEqualTo(LINES);
            assertThat(Tables.number(ds, "SELECT COUNT(*) FROM allocations")).isEqualTo(LINES / 2 + LINES / 4);
            assertThat(Tables.number(ds, "SELECT COUNT(*) FROM waiting_lines")).isEqualTo(LINES / 4);
            assertThat(Tables.number(ds, "SELECT SUM(allocated_quantity) FROM batches")).isEqualTo(LINES / 2 + LINES / 4);
            List<List<List<Object>>> readTables = Tables.readTables(ds);
            HandlerRegistry.bus(Stores.unitsOfWork(database), new FakeNotifications(), Clock.systemUTC()).build().handle(new RebuildReadModel());
            assertThat(Tables.readTables(ds)).as("read tables equal a rebuild").isEqualTo(readTables);
            assertThat(Tables.number(ds, "SELECT COUNT(*) FROM notifications WHERE state = 'OPEN'"))
                    .as("one open alert per waiting line, after the re-run too").isEqualTo(LINES / 4);
            Figures.report(NAME, "after the re-run", placed(ds) + " of " + LINES + " lines placed once; notifications "
                    + Tables.number(ds, "SELECT COUNT(*) FROM notifications") + " (a line still waiting keeps its one open alert on a re-run)");
        }
    }

    private static long placed(DataSource ds) {
        return Tables.number(ds, "SELECT (SELECT COUNT(*) FROM allocations) + (SELECT COUNT(*) FROM waiting_lines) FROM (VALUES (0))");
    }

    private static Run cli(Path db, String... args) {
        return InProcessCli.onDatabase(db, args);
    }
}

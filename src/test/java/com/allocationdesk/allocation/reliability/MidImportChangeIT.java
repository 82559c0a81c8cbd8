package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.entrypoints.cli.AllocationDeskCommand;
import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli.Run;
import com.allocationdesk.allocation.entrypoints.imports.BatchImport;
import com.allocationdesk.allocation.entrypoints.imports.ImportProgress;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;
import com.allocationdesk.allocation.entrypoints.imports.OrderImport;
import com.allocationdesk.allocation.servicelayer.EventBroadcaster;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, item 4: an import applies exactly the content its check approved. The planner's file is
 * rewritten while the import runs — after the first committed chunk (chunks of 50), or between the
 * check and the import — into content that would fail the check (a bad quantity, an unknown SKU)
 * or pass it with other rows. The import must apply the whole original content, exit 0, and none
 * of the new content may appear. An import that fails after some chunks were committed (the
 * database said no to a later chunk) must say how many rows are in, never "nothing changed". The
 * import's temporary files are gone afterwards, however it ended.
 */
@Timeout(300)
class MidImportChangeIT {
    private static final String NAME = "mid-import change";
    /** 4,000 rows of about 45 bytes: larger than every read buffer, so a reader open on it sees a rewrite. */
    private static final int LINES = 4_000;
    private static final int CHUNK = 50;
    private static final String PAD = "-".repeat(30);

    @TempDir
    Path dir;
    private Path db;
    private Path file;

    @BeforeEach
    void stockAndFile() throws IOException {
        db = dir.resolve("data").resolve("desk");
        assertThat(InProcessCli.onDatabase(db, "add-batch", "lamps", "LAMP", "1000000").code()).isZero();
        file = orders("o", ",LAMP,1");
    }

    private Path orders(String prefix, String rest) throws IOException {
        StringBuilder csv = new StringBuilder("orderid,sku,qty\n");
        for (int i = 0; i < LINES; i++) {
            csv.append(prefix).append(PAD).append(i).append(rest).append('\n');
        }
        return Files.writeString(dir.resolve("orders.csv"), csv);
    }

    /** What the original file is rewritten to. */
    private enum Change {
        BAD_QUANTITY(",LAMP,x"), UNKNOWN_SKU(",NOPE,1"), OTHER_GOOD_ROWS(",LAMP,2");

        final String rest;

        Change(String rest) {
            this.rest = rest;
        }
    }

    private void rewrite(Change change) {
        try {
            // other order ids too, and twice as many rows: nothing of it may be imported
            StringBuilder csv = new StringBuilder("orderid,sku,qty\n");
            for (int i = 0; i < 2 * LINES; i++) {
                csv.append("z").append(PAD).append(i).append(change.rest).append('\n');
            }
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFileRewrittenAfterTheFirstChunkIsImportedAsItWasChecked() {
        for (Change change : Change.values()) {
            Path copy = dir.resolve("data").resolve("desk-" + change);
            reset(change, copy);
            AtomicBoolean rewritten = new AtomicBoolean();
            ImportReport report;
            try (Bootstrap app = AllocationDeskCommand.start(new AppConfig(copy))) {
                report = app.get(OrderImport.class).run(file, CHUNK, new ImportProgress() {
                    @Override
                    public void imported(long rows, long total) {
                        if (rewritten.compareAndSet(false, true)) {
                            rewrite(change);
                        }
                    }
                }, () -> false);
                assertThat(rewritten).as("the file was rewritten during the import").isTrue();
                assertOriginalImportedOnce(app.get(DataSource.class), change.toString());
            }
            assertThat(report.status()).isEqualTo(ImportReport.Status.DONE);
            assertThat(report.summary()).isEqualTo("Imported " + LINES + " order lines from " + file + ": " + LINES
                    + " allocated, 0 out of stock (waiting)");
            assertNoTemporaryFiles(copy);
            Figures.report(NAME, "rewritten after chunk 1 (" + change + ")", report.summary());
        }
    }

    @Test
    void aFileRewrittenBetweenTheCheckAndTheImportIsImportedAsItWasChecked() {
        AtomicBoolean rewritten = new AtomicBoolean();
        try (Bootstrap app = AllocationDeskCommand.start(new AppConfig(db))) {
            ImportReport report = app.get(OrderImport.class).run(file, CHUNK, new ImportProgress() {
                @Override
                public void checked(long rows) {
                    if (rows == LINES && rewritten.compareAndSet(false, true)) {
                        rewrite(Change.OTHER_GOOD_ROWS);
                    }
                }
            }, () -> false);
            assertThat(rewritten).isTrue();
            assertThat(report.status()).isEqualTo(ImportReport.Status.DONE);
            assertThat(report.imported()).isEqualTo(LINES);
            assertOriginalImportedOnce(app.get(DataSource.class), "between the passes");
        }
        assertNoTemporaryFiles(db);
    }

    @Test
    void aBatchFileRewrittenAfterTheFirstChunkIsImportedAsItWasChecked() throws IOException {
        StringBuilder csv = new StringBuilder("ref,sku,qty,eta\n");
        StringBuilder other = new StringBuilder("ref,sku,qty,eta\n");
        for (int i = 0; i < 3_000; i++) {
            csv.append("b").append(PAD).append(i).append(",CHAIR,5,\n");
            other.append("x").append(PAD).append(i).append(i % 2 == 0 ? ",CHAIR,5,\n" : ",CHAIR,ten,\n");
        }
        Path batches = Files.writeString(dir.resolve("batches.csv"), csv);
        AtomicBoolean rewritten = new AtomicBoolean();
        try (Bootstrap app = AllocationDeskCommand.start(new AppConfig(db))) {
            ImportReport report = app.get(BatchImport.class).run(batches, CHUNK, new ImportProgress() {
                @Override
                public void imported(long rows, long total) {
                    if (rewritten.compareAndSet(false, true)) {
                        try {
                            Files.writeString(batches, other);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            }, () -> false);
            assertThat(report.status()).isEqualTo(ImportReport.Status.DONE);
            assertThat(report.summary()).isEqualTo("Imported 3000 batches from " + batches);
            DataSource ds = app.get(DataSource.class);
            assertThat(Tables.number(ds, "SELECT COUNT(*) FROM batches WHERE sku = 'CHAIR' AND reference LIKE 'b%'")).isEqualTo(3000);
            assertThat(Tables.number(ds, "SELECT COUNT(*) FROM batches WHERE reference LIKE 'x%'")).isZero();
        }
        assertNoTemporaryFiles(db);
    }

    @Test
    void theCommandLineExitsZeroWhenTheFileIsRewrittenDuringTheImport() {
        AtomicBoolean rewritten = new AtomicBoolean();
        Run run = InProcessCli.onDatabase(db, onFirstAllocation(app -> {
            if (rewritten.compareAndSet(false, true)) {
                rewrite(Change.BAD_QUANTITY);
            }
        }), "import-orders", file.toString(), "--chunk", Integer.toString(CHUNK));
        assertThat(rewritten).isTrue();
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Imported " + LINES + " order lines").contains(LINES + " allocated");
        try (Bootstrap app = AllocationDeskCommand.start(new AppConfig(db))) {
            assertOriginalImportedOnce(app.get(DataSource.class), "command line");
        }
        assertNoTemporaryFiles(db);
    }

    @Test
    void aChunkRefusedAfterOthersWereCommittedSaysWhatIsInNeverNothingChanged() throws IOException {
        Path small = Files.writeString(dir.resolve("small.csv"), orderLines(200));
        AtomicBoolean placed = new AtomicBoolean();
        // after chunk 1, the line of the last row is placed with another quantity: the last chunk is refused
        Run run = InProcessCli.onDatabase(db, onFirstAllocation(app -> {
            if (placed.compareAndSet(false, true)) {
                app.get(MessageBus.class).handle(new Allocate("p199", "LAMP", 5));
            }
        }), "import-orders", small.toString(), "--chunk", Integer.toString(CHUNK));

        assertThat(placed).isTrue();
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).contains("Import of " + small + " stopped after 150 of 200 rows")
                .contains("Order p199 already has 5 of LAMP").contains("Those 150 rows are in, the others are not")
                .doesNotContain("nothing", "Exception", "\tat ");
        try (Bootstrap app = AllocationDeskCommand.start(new AppConfig(db))) {
            DataSource ds = app.get(DataSource.class);
            assertThat(Tables.number(ds, "SELECT COUNT(*) FROM allocations WHERE order_id LIKE 'p%'")).isEqualTo(151);
            assertThat(Tables.number(ds, "SELECT quantity FROM allocations WHERE order_id = 'p199'")).isEqualTo(5);
        }
        assertNoTemporaryFiles(db);
        Figures.report(NAME, "chunk refused after 3 committed", "exit " + run.code() + ": " + run.err().strip());
    }

    @Test
    void aTemporaryCopyLeftByAKilledImportIsDeletedByTheNextAndARejectedImportLeavesNone() throws IOException {
        Path left = Files.writeString(db.resolveSibling("desk.import-deadbeef.csv.tmp"), "orderid,sku,qty\n");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "orderid,sku,qty\nq1,LAMP,1\nq1,LAMP,1\n");
        Run run = InProcessCli.onDatabase(db, "import-orders", bad.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("line 3: order q1 already has a line of LAMP on line 2");
        assertThat(left).doesNotExist();
        assertNoTemporaryFiles(db);
    }

    /**
     * The temporary copy lives next to the database: when that disk is full, the import stops before
     * anything is imported, says so in one line (exit 4, as for an unwritable database folder), and
     * leaves no partial copy. The database is on a tmpfs of 8 MB, the file 12 MB.
     */
    @Test
    void aDiskTooFullForTheCopyImportsNothingAndSaysSoInOneLine() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mounting.waitFor() == 0,
                "cannot mount a tmpfs here: " + new String(mounting.getInputStream().readAllBytes()).strip());
        try {
            Path small = mount.resolve("desk");
            // no free-space floor: this is about the import's copy meeting the full disk
            Map<String, String> noFloor = Map.of(AppConfig.MIN_FREE_ENV, "0");
            assertThat(InProcessCli.onDatabase(noFloor, small, "add-batch", "lamps", "LAMP", "1000").code()).isZero();
            StringBuilder csv = new StringBuilder("orderid,sku,qty\n");
            for (int i = 0; csv.length() < 12_000_000; i++) {
                csv.append("o").append(PAD).append(i).append(",LAMP,1\n");
            }
            Path big = Files.writeString(dir.resolve("big.csv"), csv);

            Run run = InProcessCli.onDatabase(noFloor, small, "import-orders", big.toString());

            assertThat(run.code()).as(run.err()).isEqualTo(4);
            assertThat(run.err().lines().toList()).containsExactly("Cannot write to the database folder " + mount
                    + " (importing " + big + " keeps a temporary copy there): the disk is full. Nothing was imported.");
            assertThat(run.out()).isEmpty();
            assertNoTemporaryFiles(small);
            try (Bootstrap app = AllocationDeskCommand.start(new AppConfig(small, true, 0))) {
                assertThat(Tables.number(app.get(DataSource.class), "SELECT COUNT(*) FROM allocations")).isZero();
            }
            Figures.report(NAME, "disk full while copying", "exit 4: " + run.err().strip());
        } finally {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
        }
    }

    private static String orderLines(int lines) {
        StringBuilder csv = new StringBuilder("orderid,sku,qty\n");
        for (int i = 0; i < lines; i++) {
            csv.append("p").append(i).append(",LAMP,1\n");
        }
        return csv.toString();
    }

    /** A start-up that runs {@code action} (once per event) when the first order line is allocated. */
    private static java.util.function.Function<AppConfig, Bootstrap> onFirstAllocation(Consumer<Bootstrap> action) {
        return config -> {
            Bootstrap app = AllocationDeskCommand.start(config);
            app.get(EventBroadcaster.class).subscribe(event -> {
                if (event instanceof Allocated) {
                    action.accept(app);
                }
            });
            return app;
        };
    }

    private void reset(Change change, Path database) {
        try {
            orders("o", ",LAMP,1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(InProcessCli.onDatabase(database, "add-batch", "lamps", "LAMP", "1000000").code()).as(change.toString()).isZero();
    }

    private static void assertOriginalImportedOnce(DataSource ds, String what) {
        assertThat(Tables.number(ds, "SELECT COUNT(*) FROM allocations WHERE order_id LIKE 'o%' AND quantity = 1"))
                .as(what + ": every original line").isEqualTo(LINES);
        assertThat(Tables.number(ds, "SELECT COUNT(*) FROM allocations WHERE order_id LIKE 'z%'"))
                .as(what + ": nothing of the new content").isZero();
        assertThat(Tables.number(ds, "SELECT COUNT(*) FROM waiting_lines")).isZero();
    }

    private static void assertNoTemporaryFiles(Path database) {
        try (Stream<Path> files = Files.list(database.toAbsolutePath().getParent())) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".import-")).toList();
            assertThat(names).as("temporary import files left behind").isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

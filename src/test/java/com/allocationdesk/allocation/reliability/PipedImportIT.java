package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.entrypoints.Main;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli.Run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 10, item 4: a CSV given through a pipe can be imported — a FIFO ({@code mkfifo}), and
 * {@code import-orders /dev/stdin} with the file piped into the process (as {@code cat f | desk
 * import-orders /dev/stdin} or {@code <(cat f)} would). A pipe can be read once, front to back: the
 * import reads it into its private copy and checks and imports that. The file starts with a
 * spreadsheet's byte-order mark, which the reader skips.
 */
@Timeout(300)
class PipedImportIT {
    private static final String NAME = "piped import";
    private static final int LINES = 3_000;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private static byte[] orders() {
        StringBuilder csv = new StringBuilder("orderid,sku,qty\n");
        for (int i = 0; i < LINES; i++) {
            csv.append("o").append(i).append(",LAMP,1\n");
        }
        byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, withBom, 0, BOM.length);
        System.arraycopy(text, 0, withBom, BOM.length, text.length);
        return withBom;
    }

    private Path stockedDatabase() {
        Path db = dir.resolve("data").resolve("desk");
        assertThat(InProcessCli.onDatabase(db, "add-batch", "lamps", "LAMP", "100000").code()).isZero();
        return db;
    }

    @Test
    void anOrderFileFromAFifoIsImported() throws Exception {
        Path db = stockedDatabase();
        Path fifo = dir.resolve("orders.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        byte[] content = orders();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {   // blocks until the import opens it
                out.write(content);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CompletableFuture<Run> run = CompletableFuture.supplyAsync(
                () -> InProcessCli.onDatabase(db, "import-orders", fifo.toString()));
        Run result;
        try {
            result = run.get(120, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // it opened the FIFO a second time and waits for a writer that never comes: release it
            try (OutputStream release = Files.newOutputStream(fifo)) {
                release.flush();
            }
            try {
                run.get(30, TimeUnit.SECONDS); // it ends, and closes its database, before the test's folder goes
            } catch (ExecutionException | TimeoutException stillStuck) {
                fail("the import of a FIFO did not finish, not even once released", stillStuck);
            }
            fail("the import of a FIFO did not finish (it read the FIFO twice?)");
            return;
        }
        writer.get(10, TimeUnit.SECONDS);
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Imported " + LINES + " order lines from " + fifo + ": " + LINES + " allocated");
        assertPlaced(db);
        Figures.report(NAME, "FIFO", result.out().strip());
    }

    @Test
    void anOrderFilePipedToDevStdinIsImported() throws IOException, InterruptedException, ExecutionException {
        Path db = stockedDatabase();
        Process child = ChildJvm.builder(Main.class, List.of("-Xmx256m", "-Dallocationdesk.logdir=" + dir.resolve("logs")),
                        "--db", db.toString(), "import-orders", "/dev/stdin")
                .redirectError(dir.resolve("child.err").toFile()).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (OutputStream stdin = child.getOutputStream()) {
            stdin.write(orders());
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child finished").isTrue();
        String err = Files.readString(dir.resolve("child.err"));
        assertThat(child.exitValue()).as(err).isZero();
        assertThat(err).doesNotContain("Illegal seek", "Exception");
        assertThat(out.get()).contains("Imported " + LINES + " order lines from /dev/stdin: " + LINES + " allocated");
        assertPlaced(db);
        Figures.report(NAME, "/dev/stdin (a pipe)", out.get().strip());
    }

    private static void assertPlaced(Path db) {
        try (Database database = Database.open(db)) {
            DataSource ds = database.dataSource();
            assertThat(Tables.number(ds, "SELECT COUNT(*) FROM allocations")).isEqualTo(LINES);
        }
    }
}

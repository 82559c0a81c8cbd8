package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.entrypoints.Main;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, item 4: the check pass of an import works in bounded memory. An order file of 1,000,000
 * rows (10,000,000 with {@code -Psoak}, then also under the default heap) whose last row repeats the
 * first row's order line is imported by a command-line process with {@code -Xmx128m}: it must be
 * refused with exit 2, the one bad row (with both line numbers) and the summary — no
 * {@code OutOfMemoryError}, no stack trace. Before, the check kept every order/SKU key in a
 * {@code HashMap} and ran out of memory. Figures: rows checked per second (between the first and the
 * last "Checked N rows" progress line), and from the child's GC log the largest heap in use before
 * a collection (that is where the collector chose to run, not what is needed) and the largest live
 * heap after one (what the import really keeps).
 */
@Timeout(3600)
class BoundedImportCheckIT {
    private static final String NAME = "bounded import check";
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern CHECKED = Pattern.compile("Checked (\\d+) rows");

    @TempDir
    Path dir;

    @Test
    void aHugeOrderFileWithABadLastRowIsRefusedInOneLineUnder128MbOfHeap() throws Exception {
        int rows = Figures.soak() ? 10_000_000 : 1_000_000;
        Path db = dir.resolve("data").resolve("desk");
        assertThat(InProcessCli.onDatabase(db, "add-batch", "lamps", "LAMP", "10000000").code()).isZero();
        Path file = dir.resolve("orders.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("orderid,sku,qty\n");
            for (int i = 0; i < rows - 1; i++) {
                out.write("o");
                out.write(Integer.toString(i));
                out.write(",LAMP,1\n");
            }
            out.write("o0,LAMP,1\n"); // the first row's line again: line rows + 1
        }
        check(db, file, rows, "-Xmx128m");
        if (Figures.soak()) {
            check(db, file, rows, null);
        }
    }

    private void check(Path db, Path file, int rows, String heap) throws IOException, InterruptedException {
        String label = rows + " rows, " + (heap == null ? "default heap" : heap);
        Path gcLog = dir.resolve("gc-" + (heap == null ? "default" : "128m") + ".log");
        List<String> options = new ArrayList<>(List.of("-Dallocationdesk.logdir=" + dir.resolve("logs"),
                "-Xlog:gc:file=" + gcLog));
        if (heap != null) {
            options.add(0, heap);
        }
        long started = System.nanoTime();
        Process child = ChildJvm.builder(Main.class, options, "--db", db.toString(), "import-orders", file.toString())
                .redirectOutput(dir.resolve("child.out").toFile()).start();
        List<String> err = new ArrayList<>();
        long firstChecked = 0;
        long firstAt = 0;
        long lastChecked = 0;
        long lastAt = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher checked = CHECKED.matcher(line);
                if (checked.matches()) {
                    long now = System.nanoTime();
                    if (firstChecked == 0) {
                        firstChecked = Long.parseLong(checked.group(1));
                        firstAt = now;
                    }
                    lastChecked = Long.parseLong(checked.group(1));
                    lastAt = now;
                } else {
                    err.add(line);
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.MINUTES)).isTrue();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertThat(child.exitValue()).as(String.join("\n", err)).isEqualTo(2);
        assertThat(err).containsExactly(
                file + ": line " + (rows + 1) + ": order o0 already has a line of LAMP on line 2",
                "1 bad row in " + file + "; nothing was imported");
        assertThat(Files.readString(dir.resolve("child.out"))).isEmpty();
        assertThat(lastChecked).isEqualTo(rows / 10_000 * 10_000L);
        try (Stream<Path> files = Files.list(db.getParent())) {
            assertThat(files.map(Path::getFileName).map(Path::toString).filter(n -> n.contains(".import-")))
                    .as("temporary files deleted").isEmpty();
        }

        long rate = lastAt > firstAt ? (lastChecked - firstChecked) * 1_000_000_000L / (lastAt - firstAt) : 0;
        long peak = 0;
        long live = 0;
        long capacity = 0;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher gc = GC.matcher(line);
            if (gc.find()) {
                collections++;
                peak = Math.max(peak, Long.parseLong(gc.group(1)));
                live = Math.max(live, Long.parseLong(gc.group(2)));
                capacity = Math.max(capacity, Long.parseLong(gc.group(3)));
            }
        }
        Figures.report(NAME, label, "exit 2 in " + seconds + " s (JVM start included); check pass " + rate
                + " rows/s; heap in use at most " + peak + " MB (before a collection), live at most " + live
                + " MB (after one), " + capacity + " MB committed, " + collections + " collections");
    }
}

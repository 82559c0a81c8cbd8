package com.allocationdesk.allocation.bench;

import com.allocationdesk.allocation.entrypoints.ui.AllocationDeskApp;
import com.allocationdesk.allocation.entrypoints.ui.support.AnsweringDialogs;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import org.testfx.api.FxToolkit;

import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Item 11 (issue 15): the FX thread while the window exports {@value #DEFAULT_ROWS} allocations.
 * The real window in this JVM (Monocle headless, as {@link FxStalls} item 6 runs it) over a database
 * seeded with that many allocations ({@link Seeder}); the Allocations view showing; File ▸ Export
 * this table to CSV… fired (the save chooser answered by {@link AnsweringDialogs#answerNextSaveChooser}),
 * so the window's own export runs: its dialog with the progress bar, the rows streamed from the
 * database to the file off the FX thread. The probes of item 6 ({@link FxStalls.Probe}) watch the FX
 * thread from the click until {@value #SETTLE_MILLIS} ms after the dialog says "Exported".
 */
final class ExportStallBench {
    static final int DEFAULT_ROWS = 1_000_000;
    static final int ROWS = Integer.getInteger("bench.exportRows", DEFAULT_ROWS);
    static final long SETTLE_MILLIS = 1_000;

    private final Path work;
    private final int runs;
    private final Consumer<String> line;
    private final Consumer<List<Stats.Figure>> table;

    ExportStallBench(Path work, int runs, Consumer<String> line, Consumer<List<Stats.Figure>> table) {
        this.work = work;
        this.runs = runs;
        this.line = line;
        this.table = table;
    }

    void run() throws Exception {
        line.accept("");
        line.accept(String.format("## 11. FX-thread stalls during an export of %,d rows with the window open", ROWS));
        line.accept("");
        line.accept(String.format("The real window in this JVM (Monocle headless, software rendering, as item 6), over a database"
                + " of %,d allocations (%,d SKUs of one warehouse batch and 100 lines each, seeded in SQL), the Allocations view"
                + " showing its first page. File > Export this table to CSV… is fired, the save chooser answered: the window's"
                + " own export (its dialog's progress bar and count, the rows streamed by `AllocationsQuery.forEach` into"
                + " `CsvExport` on a worker thread, a temporary file renamed at the end). From the click until %d s after the"
                + " dialog says \"Exported\": every FX pulse (AnimationTimer) and a `Platform.runLater` ping every %d ms, as in"
                + " item 6. The file is checked: %,d lines after the header. The same database, a fresh window per run.",
                ROWS, ROWS / 100, SETTLE_MILLIS / 1000, FxStalls.PING_MILLIS, ROWS));
        FxStalls.headless();
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
        Path db = work.resolve("export-stalls").resolve("desk");
        Files.createDirectories(db.getParent());
        long seeding = System.nanoTime();
        Seeder.seed(db, ROWS, 0);
        Bench.OUT.printf("  seeded %,d allocations in %.1f s%n", ROWS, (System.nanoTime() - seeding) / 1e9);

        Stats.Figure longestGap = new Stats.Figure("longest gap between FX pulses", "ms (target < 100)");
        Stats.Figure p99Gap = new Stats.Figure("p99 gap between FX pulses", "ms");
        Stats.Figure medianGap = new Stats.Figure("median gap between FX pulses", "ms");
        Stats.Figure over100 = new Stats.Figure("pulse gaps over 100 ms", "count");
        Stats.Figure longestGapCpu = new Stats.Figure("FX-thread CPU time within the longest gap", "ms");
        Stats.Figure longestGapGc = new Stats.Figure("GC pause time within the longest gap", "ms");
        Stats.Figure longestPing = new Stats.Figure("longest runLater ping wait", "ms");
        Stats.Figure p99Ping = new Stats.Figure("p99 runLater ping wait", "ms");
        Stats.Figure busy = new Stats.Figure("FX thread on a core, share of the measured time", "%");
        Stats.Figure duration = new Stats.Figure("export duration (click to \"Exported\")", "s");
        Stats.Figure rate = new Stats.Figure("export rate in the window", "rows/s");
        Stats.Figure size = new Stats.Figure("file size", "MB");
        Stats.Figure heap = new Stats.Figure("peak heap during the export (sum of the heap pools' peaks, from the click)", "MB");
        for (int i = 0; i < runs; i++) {
            Path file = work.resolve("export-" + i + ".csv");
            long[] peak = {0};
            FxStalls.Result r = once(db, file, peak);
            longestGap.add(r.maxGapMs());
            p99Gap.add(r.gapPercentileMs(99));
            medianGap.add(r.gapPercentileMs(50));
            over100.add(r.gapsOver(100));
            longestGapCpu.add(r.maxGapFxCpuMs());
            longestGapGc.add(r.maxGapGcMs());
            longestPing.add(r.maxPingMs());
            p99Ping.add(r.pingPercentileMs(99));
            busy.add(r.fxBusyPercent());
            duration.add(r.importNanos() / 1e9);
            rate.add(ROWS / (r.importNanos() / 1e9));
            size.add(Files.size(file) / 1e6);
            heap.add(peak[0] / 1e6);
            Bench.OUT.printf("  run %d: longest pulse gap %.1f ms at %.2f s into the export, %d pulses, %d pings, load average %s%n",
                    i, r.maxGapMs(), r.maxGapAtSeconds(), r.gaps().length, r.pings().length, FxStalls.loadAverage());
            Files.delete(file);
        }
        table.accept(List.of(longestGap, p99Gap, medianGap, over100, longestGapCpu, longestGapGc, longestPing, p99Ping, busy,
                duration, rate, size, heap));
    }

    private FxStalls.Result once(Path db, Path file, long[] peakHeap) throws Exception {
        AnsweringDialogs dialogs = FxStalls.answeringDialogs();
        AllocationDeskApp app = FxStalls.openWindow(db, dialogs);
        try {
            FxStalls.waitFor("the Batches table shows its first page", 300, () -> FxStalls.onFx(() -> {
                Node batches = FxStalls.scene().lookup("#batchesTable");
                return batches instanceof TableView<?> t && !t.getItems().isEmpty(); // a page of the 10,000 SKUs' batches
            }));
            FxStalls.onFx(() -> {
                ((TabPane) FxStalls.scene().lookup("#tabs")).getSelectionModel().select(2);
                return null;
            });
            FxStalls.waitFor("the Allocations table shows its first page", 120, () -> FxStalls.onFx(() -> {
                Node allocations = FxStalls.scene().lookup("#allocationsTable");
                return allocations instanceof TableView<?> t && !t.getItems().isEmpty();
            }));
            Thread.sleep(1000);   // let the start-up settle (Hibernate boots in the background)

            FxStalls.Probe[] probe = new FxStalls.Probe[1];
            long start = FxStalls.onFx(() -> {
                dialogs.answerNextSaveChooser(file);
                System.gc();
                heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
                long fired = System.nanoTime();
                probe[0] = FxStalls.Probe.start(fired);
                FxStalls.menuItem("exportItem").fire();
                return fired;
            });
            long[] end = {0};
            FxStalls.waitFor("the export ends", 1800, () -> FxStalls.onFx(() -> {
                String text = exportText();
                if (text.startsWith("Exported") && end[0] == 0) {
                    end[0] = System.nanoTime();
                } else if (text.startsWith("Cannot") || text.startsWith("Export cancelled")) {
                    throw new IllegalStateException("the export did not finish: " + text);
                }
                return end[0] != 0;
            }));
            peakHeap[0] = heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            Thread.sleep(SETTLE_MILLIS);
            FxStalls.Result result = probe[0].stop(end[0] + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS), end[0] - start);
            long lines;
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                lines = reader.lines().count();
            }
            if (lines != ROWS + 1L) {
                throw new IllegalStateException("the export has " + lines + " lines, not the header and " + ROWS + " rows");
            }
            return result;
        } finally {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }

    /** The export dialog's text ("12,000 of 1,000,000 allocations", then how it ended); empty until it shows. FX thread. */
    private static String exportText() {
        for (Window window : Window.getWindows()) {
            if (window.getScene() != null && window.getScene().lookup("#exportText") instanceof Labeled label) {
                return label.getText() == null ? "" : label.getText();
            }
        }
        return "";
    }
}

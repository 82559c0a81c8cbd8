package com.allocationdesk.allocation.bench;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.ui.AllocationDeskApp;
import com.allocationdesk.allocation.entrypoints.ui.support.AnsweringDialogs;
import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.FxDialogService;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.SkuTotals;
import com.allocationdesk.allocation.queries.StockTotalsQuery;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Item 6: the FX thread while the window imports 10,000 order lines. The real window (real FXML and
 * container, as {@code entrypoints.ui.WindowIT} starts it) runs in this JVM under Monocle headless;
 * the import goes through File &gt; Import order lines (the menu item fired, the file chooser answered
 * by {@link AnsweringDialogs#answerNextFileChooser}), so the window's own import path runs with its
 * progress bar and live refreshes. Two probes watch the FX thread from the moment the item is fired
 * until {@value #SETTLE_MILLIS} ms after the import box hides (the live refreshes after the last
 * chunk included): an {@link AnimationTimer} records every pulse (a gap between two pulses is a
 * moment the window could not repaint), and a thread posts a {@code Platform.runLater} ping every
 * {@value #PING_MILLIS} ms and records how long each waited.
 */
final class FxStalls {
    static final int LINES = Integer.getInteger("bench.fxLines", 10_000);
    static final int SKUS = 200;
    static final long SETTLE_MILLIS = 2_000;
    static final long PING_MILLIS = 5;
    static final long IDLE_MILLIS = 3_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The container of the window {@link #openWindow} started last (the bench runs one window at a time). */
    private static final java.util.concurrent.atomic.AtomicReference<Bootstrap> STARTED = new java.util.concurrent.atomic.AtomicReference<>();

    private final Path work;
    private final int runs;
    private final Consumer<String> line;
    private final Consumer<List<Stats.Figure>> table;

    FxStalls(Path work, int runs, Consumer<String> line, Consumer<List<Stats.Figure>> table) {
        this.work = work;
        this.runs = runs;
        this.line = line;
        this.table = table;
    }

    void run() throws Exception {
        line.accept("");
        line.accept("## 6. FX-thread stalls during a 10,000-line import with the window open");
        line.accept("");
        line.accept("The real window in this JVM (Monocle headless, software rendering: the FX thread does the same CSS,"
                + " layout and table work as on a desktop), over a database with " + SKUS + " SKUs of warehouse stock, the"
                + " Batches view showing. File > Import order lines is fired with a CSV of " + String.format("%,d", LINES)
                + " lines (all allocatable), through the window's own import (chunks of 500, progress bar, live refreshes"
                + " of every view). From the click until " + SETTLE_MILLIS / 1000 + " s after the import box hides: an"
                + " AnimationTimer records every FX pulse (gap = time between two pulses; nominal 16.7 ms) and a"
                + " `Platform.runLater` ping is posted every " + PING_MILLIS + " ms (latency = posted to run). A fresh"
                + " database and window per run.");
        headless();
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
        Stats.Figure longestGap = new Stats.Figure("longest gap between FX pulses", "ms (target < 100)");
        Stats.Figure longestGapCpu = new Stats.Figure("FX-thread CPU time within that gap", "ms");
        Stats.Figure longestGapRender = new Stats.Figure("render-thread CPU time within that gap", "ms");
        Stats.Figure longestGapGc = new Stats.Figure("GC pause time within that gap", "ms");
        Stats.Figure longestGc = new Stats.Figure("longest GC pause during the import", "ms");
        Stats.Figure busy = new Stats.Figure("FX thread on a core, share of the measured time", "%");
        Stats.Figure renderBusy = new Stats.Figure("render thread on a core, share of the measured time", "%");
        Stats.Figure p99Gap = new Stats.Figure("p99 gap between FX pulses", "ms");
        Stats.Figure medianGap = new Stats.Figure("median gap between FX pulses", "ms");
        Stats.Figure longestPing = new Stats.Figure("longest runLater ping wait", "ms");
        Stats.Figure p99Ping = new Stats.Figure("p99 runLater ping wait", "ms");
        Stats.Figure over100 = new Stats.Figure("pulse gaps over 100 ms", "count");
        Stats.Figure duration = new Stats.Figure("import duration (click to import box hidden)", "s");
        Stats.Figure rate = new Stats.Figure("import rate in the window", "lines/s");
        Stats.Figure idleGap = new Stats.Figure("longest gap between FX pulses, idle window (same run, "
                + IDLE_MILLIS / 1000 + " s before the import)", "ms");
        Stats.Figure idlePing = new Stats.Figure("longest runLater ping wait, idle window (same run)", "ms");
        for (int i = 0; i < runs; i++) {
            Result[] both = once(i);
            Result r = both[1];
            idleGap.add(both[0].maxGapMs());
            idlePing.add(both[0].maxPingMs());
            longestGap.add(r.maxGapMs());
            longestGapCpu.add(r.maxGapFxCpuMs());
            busy.add(r.fxBusyPercent());
            longestGapRender.add(r.maxGapRenderCpuMs());
            longestGapGc.add(r.maxGapGcMs());
            longestGc.add(r.gc().longestMillis());
            renderBusy.add(r.renderBusyPercent());
            p99Gap.add(r.gapPercentileMs(99));
            medianGap.add(r.gapPercentileMs(50));
            longestPing.add(r.maxPingMs());
            p99Ping.add(r.pingPercentileMs(99));
            over100.add(r.gapsOver(100));
            duration.add(r.importNanos() / 1e9);
            rate.add(LINES / (r.importNanos() / 1e9));
            Bench.OUT.printf("  run %d: longest pulse gap %.1f ms at %.2f s into the import, %d pulses, %d pings, load average %s%n",
                    i, r.maxGapMs(), r.maxGapAtSeconds(), r.gaps().length, r.pings().length, loadAverage());
        }
        table.accept(List.of(longestGap, longestGapCpu, longestGapRender, longestGapGc, longestGc, p99Gap, medianGap, over100, longestPing,
                p99Ping, busy, renderBusy, idleGap, idlePing, duration, rate));
    }

    record Result(long[] gaps, long[] gapEnds, long[] gapCpu, long[] gapRenderCpu, GcPauses gc, long[] pings, long importStart, long importNanos) {
        double maxGapMs() {
            return Arrays.stream(gaps).max().orElse(0) / 1e6;
        }

        private int longest() {
            int at = 0;
            for (int i = 0; i < gaps.length; i++) {
                if (gaps[i] > gaps[at]) {
                    at = i;
                }
            }
            return at;
        }

        double maxGapAtSeconds() {
            return gaps.length == 0 ? 0 : (gapEnds[longest()] - importStart) / 1e9;
        }

        /** CPU time the FX thread itself used during the longest gap: near the gap, it was busy; far below, it waited for a core. */
        double maxGapFxCpuMs() {
            return gaps.length == 0 ? 0 : gapCpu[longest()] / 1e6;
        }

        /** CPU time the render thread (QuantumRenderer, software pipeline here) used during the longest gap. */
        double maxGapRenderCpuMs() {
            return gaps.length == 0 ? 0 : gapRenderCpu[longest()] / 1e6;
        }

        double renderBusyPercent() {
            long wall = Arrays.stream(gaps).sum();
            return wall == 0 ? 0 : 100.0 * Arrays.stream(gapRenderCpu).sum() / wall;
        }

        /** Stop-the-world GC time (all threads stopped) overlapping the longest gap. */
        double maxGapGcMs() {
            if (gaps.length == 0) {
                return 0;
            }
            int at = longest();
            return gc.pausedMillisBetween(gapEnds[at] - gaps[at], gapEnds[at]);
        }

        /** Share of the measured wall time the FX thread spent on a core. */
        double fxBusyPercent() {
            long wall = Arrays.stream(gaps).sum();
            return wall == 0 ? 0 : 100.0 * Arrays.stream(gapCpu).sum() / wall;
        }

        double gapPercentileMs(double p) {
            return gaps.length == 0 ? Double.NaN : Stats.percentile(gaps, p) / 1e6;
        }

        double gapsOver(long ms) {
            return Arrays.stream(gaps).filter(g -> g > TimeUnit.MILLISECONDS.toNanos(ms)).count();
        }

        double maxPingMs() {
            return Arrays.stream(pings).max().orElse(0) / 1e6;
        }

        double pingPercentileMs(double p) {
            return pings.length == 0 ? Double.NaN : Stats.percentile(pings, p) / 1e6;
        }
    }

    /** The FX thread watched from {@code start}: every pulse (AnimationTimer), runLater pings, GC pauses. */
    static final class Probe {
        private static final int CAPACITY = 1_000_000;
        private final long start;
        private final long[] frames = new long[CAPACITY];
        private final long[] frameCpu = new long[CAPACITY];
        private final long[] renderCpu = new long[CAPACITY];
        private final AtomicLong frameCount = new AtomicLong();
        private final List<Long> pings = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final GcPauses gc = GcPauses.listen();
        private final AnimationTimer timer;
        private final Thread pinger;

        private Probe(long start) {
            this.start = start;
            long renderer = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).findFirst().orElse(-1);
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    int i = (int) frameCount.get();
                    if (i < CAPACITY) {
                        frames[i] = System.nanoTime();
                        frameCpu[i] = THREADS.getCurrentThreadCpuTime();
                        renderCpu[i] = renderer < 0 ? 0 : THREADS.getThreadCpuTime(renderer);
                        frameCount.set(i + 1);
                    }
                }
            };
            pinger = new Thread(() -> {
                while (running.get()) {
                    long sent = System.nanoTime();
                    Platform.runLater(() -> {
                        long waited = System.nanoTime() - sent;
                        synchronized (pings) {
                            pings.add(waited);
                        }
                    });
                    try {
                        Thread.sleep(PING_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-fx-ping");
        }

        /** Starts watching; call on the FX thread or off it. */
        static Probe start(long start) throws Exception {
            Probe probe = new Probe(start);
            if (Platform.isFxApplicationThread()) {
                probe.timer.start();
            } else {
                onFx(() -> {
                    probe.timer.start();
                    return null;
                });
            }
            probe.pinger.start();
            return probe;
        }

        /** Stops, and keeps the pulses from {@code start} to {@code end}. */
        Result stop(long end, long importNanos) throws Exception {
            running.set(false);
            pinger.join();
            onFx(() -> {
                timer.stop();
                return null;
            });
            gc.close();
            WaitForAsyncUtils.waitForFxEvents();
            int n = (int) frameCount.get();
            List<long[]> kept = new ArrayList<>();
            long previous = start;
            long previousCpu = -1;
            long previousRenderCpu = -1;
            for (int i = 0; i < n && frames[i] <= end; i++) {
                if (frames[i] >= start) {
                    kept.add(new long[] {frames[i] - previous, frames[i],
                            previousCpu < 0 ? 0 : frameCpu[i] - previousCpu,
                            previousRenderCpu < 0 ? 0 : renderCpu[i] - previousRenderCpu});
                    previous = frames[i];
                    previousCpu = frameCpu[i];
                    previousRenderCpu = renderCpu[i];
                }
            }
            long[] pingArray;
            synchronized (pings) {
                pingArray = pings.stream().mapToLong(Long::longValue).toArray();
            }
            return new Result(kept.stream().mapToLong(k -> k[0]).toArray(), kept.stream().mapToLong(k -> k[1]).toArray(),
                    kept.stream().mapToLong(k -> k[2]).toArray(), kept.stream().mapToLong(k -> k[3]).toArray(), gc,
                    pingArray, start, importNanos);
        }
    }

    private Result[] once(int run) throws Exception {
        Path db = work.resolve("fx-stalls-" + run).resolve("desk");
        try (Bootstrap seed = Bootstrap.start(new AppConfig(db))) {
            MessageBus bus = seed.get(MessageBus.class);
            for (int s = 0; s < SKUS; s++) {
                bus.handle(new CreateBatch("FX-B-" + s, sku(s), LINES, null));
            }
        }
        List<String> rows = new ArrayList<>(LINES + 1);
        rows.add("orderid,sku,qty");
        for (int n = 0; n < LINES; n++) {
            rows.add("FX-O-" + n + "," + sku(n % SKUS) + ",1");
        }
        Path csv = Files.write(work.resolve("fx-orders-" + run + ".csv"), rows);

        // the real dialogs, but File > Import order lines is answered with the CSV instead of a native chooser
        AnsweringDialogs dialogs = answeringDialogs();
        AllocationDeskApp app = openWindow(db, dialogs);
        try {
            waitFor("the Batches table shows every SKU", 120, () -> onFx(() -> {
                Node table = scene().lookup("#batchesTable");
                return table instanceof TableView<?> t && t.getItems().size() == SKUS;
            }));
            Thread.sleep(1000);   // let the start-up settle (Hibernate boots in the background)

            Probe idle = Probe.start(System.nanoTime());
            Thread.sleep(IDLE_MILLIS);
            Result quiet = idle.stop(System.nanoTime(), 0);

            AtomicLong importEnd = new AtomicLong();
            Probe[] probe = new Probe[1];
            long start = onFx(() -> {
                Node box = scene().lookup("#importBox");
                box.visibleProperty().addListener((obs, was, now) -> {
                    if (!now) {
                        importEnd.compareAndSet(0, System.nanoTime());
                    }
                });
                dialogs.answerNextFileChooser(csv);
                long fired = System.nanoTime();
                probe[0] = Probe.start(fired);
                menuItem("importOrdersItem").fire();
                return fired;
            });
            waitFor("the import ends", 900, () -> importEnd.get() != 0);
            Thread.sleep(SETTLE_MILLIS);
            Result busy = probe[0].stop(importEnd.get() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS), importEnd.get() - start);

            String status = onFx(() -> ((Labeled) scene().lookup("#statusLabel")).getText());
            int allocated = app.bootstrap().get(StockTotalsQuery.class).perSku().stream().mapToInt(SkuTotals::allocated).sum();
            if (allocated != LINES) {
                throw new IllegalStateException("the window's import allocated " + allocated + " of " + LINES
                        + " lines; status bar: " + status);
            }
            return new Result[] {quiet, busy};
        } finally {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
    }

    /** The window's real dialogs, but the file choosers answer what the bench says (started with {@link #openWindow}). */
    static AnsweringDialogs answeringDialogs() {
        return new AnsweringDialogs(() -> STARTED.get().get(FxDialogService.class));
    }

    /** The real window over {@code db} in this JVM (real FXML and container, as WindowIT starts it), with {@code dialogs}. */
    static AllocationDeskApp openWindow(Path db, AnsweringDialogs dialogs) throws Exception {
        return (AllocationDeskApp) FxToolkit.setupApplication(
                () -> new AllocationDeskApp(config -> {
                    Bootstrap bootstrap = AllocationDeskApp.builder(config).override(DialogService.class, dialogs).start();
                    STARTED.set(bootstrap);
                    return bootstrap;
                }, new AppConfig(db)));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String sku(int s) {
        return "FX-SKU-%03d".formatted(s);
    }

    static Scene scene() {
        Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        return stage.getScene();
    }

    static MenuItem menuItem(String id) {
        MenuBar bar = (MenuBar) scene().lookup(".menu-bar");
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(item -> id.equals(item.getId())).findFirst().orElseThrow();
    }

    static <T> T onFx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(60, TimeUnit.SECONDS);
    }

    static void waitFor(String what, long seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    interface Check {
        boolean ok() throws Exception;
    }

    /** Monocle headless, as the window tests run (the bench JVM has no display and no FX yet). */
    static void headless() {
        setIfAbsent("testfx.robot", "glass");
        setIfAbsent("testfx.headless", "true");
        setIfAbsent("glass.platform", "Monocle");
        setIfAbsent("monocle.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("prism.text", "t2k");
        setIfAbsent("java.awt.headless", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

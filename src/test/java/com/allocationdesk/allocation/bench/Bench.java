package com.allocationdesk.allocation.bench;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.AllocationsQuery;
import com.allocationdesk.allocation.queries.BatchesQuery;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The benchmark of issue 6. Run with {@code ./mvnw -B -Pbench verify} (profile {@code bench}: no
 * tests, then {@link AllocationDeskBench}, which calls {@link #run}), or as a plain main over the
 * test class path. Prints every figure as min / median / max over
 * the runs, every ratio from the same run, and writes them to {@code docs/BENCHMARKS.md}.
 * <p>
 * Arguments: project directory. System properties (for a quicker run): {@code bench.runs} (3),
 * {@code bench.bigLines} (1,000,000), {@code bench.importRows} (100,000), {@code bench.importSkus}
 * (SKU counts, comma-separated, "10000,1000": item 4 runs each shape, 10 and 100 batches per SKU, each import
 * beside its plain-JDBC limit {@link ImportLimit}; item 8 takes the first),
 * {@code bench.e2ePauseMillis} (100: item 8's loops), {@code bench.only}
 * (comma-separated item numbers, 1 to 11; item 8 is issue 13's end to end, {@link EndToEndBench}; item 10
 * issue 15's keyset paging, {@link KeysetBench}, {@code bench.keysetRows} rows; item 11 issue 15's FX
 * thread during an export, {@link ExportStallBench}, sized by {@code bench.exportRows}, 1,000,000).
 */
public final class Bench {
    static final PrintStream OUT = System.out;
    static final int RUNS = Integer.getInteger("bench.runs", 3);
    static final int BIG_LINES = Integer.getInteger("bench.bigLines", 1_000_000);
    static final int IMPORT_ROWS = Integer.getInteger("bench.importRows", 100_000);
    /**
     * SKUs of the import files, a comma-separated list ({@code bench.importSkus}, "10000,1000"): item 4
     * runs each shape (10,000 SKUs: 10 batches per SKU, a warehouse's usual few open batches per
     * product; 1,000: 100 per SKU; issue 16 sets its targets on both); item 8 uses the first.
     */
    static final List<Integer> IMPORT_SHAPES = java.util.Arrays.stream(
            System.getProperty("bench.importSkus", "10000,1000").replace(" ", "").split(",")).map(Integer::valueOf).toList();
    /** The first of {@link #IMPORT_SHAPES}: item 8's. */
    static final int IMPORT_SKUS = IMPORT_SHAPES.get(0);
    static final String ONLY = System.getProperty("bench.only", "1,2,3,4,5,6,7,8,9,10,11");
    /** The items {@link #ONLY} selects, as numbers: "10" selects item 10, not item 1. */
    static final java.util.Set<String> ITEMS = java.util.Set.of(ONLY.replace(" ", "").split(","));

    private final Path project;
    private final Path work;
    private final StringBuilder md = new StringBuilder();

    private Bench(Path project) throws IOException {
        this.project = project;
        this.work = Files.createTempDirectory("allocation-desk-bench");
    }

    public static void main(String[] args) throws Exception {
        run(Path.of(args.length > 0 ? args[0] : "."));
        System.exit(0);
    }

    /** Runs every item selected by {@code bench.only} and writes {@code bench.output} under {@code project}. */
    public static void run(Path projectDir) throws Exception {
        Path project = projectDir.toAbsolutePath().normalize();
        Bench bench = new Bench(project);
        long started = System.nanoTime();
        try {
            bench.header();
            if (ITEMS.contains("1")) {
                bench.limitVersusApp();
            }
            if (ITEMS.contains("2") || ITEMS.contains("3")) {
                bench.scalingAndReadSide();
            }
            if (ITEMS.contains("4")) {
                bench.imports();
            }
            if (ITEMS.contains("5")) {
                bench.startUp();
            }
            if (ITEMS.contains("6")) {
                bench.fxStalls();
            }
            if (ITEMS.contains("7")) {
                new LedgerBench(bench.work, bench::line, bench::table).run();
            }
            if (ITEMS.contains("8")) {
                new EndToEndBench(bench.work, bench.git("rev-parse", "--short", "HEAD"), bench::line, bench::table).run();
            }
            if (ITEMS.contains("9")) {
                new SeveralDesksBench(bench::line, bench::table).run();
            }
            if (ITEMS.contains("10")) {
                new KeysetBench(bench.work, bench::line, bench::table).run();
            }
            if (ITEMS.contains("11")) {
                new ExportStallBench(bench.work, RUNS, bench::line, bench::table).run();
            }
        } finally {
            bench.line("");
            bench.line("Whole benchmark: " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s.");
            Path doc = project.resolve(System.getProperty("bench.output", "docs/BENCHMARKS.md"));
            Files.writeString(doc, withGeneratedPart(doc, bench.md.toString()));
            OUT.println("Wrote " + doc);
            deleteTree(bench.work);
        }
    }

    // ------------------------------------------------------------------ report

    static final String START = "<!-- generated by bench.Bench: start -->";
    static final String END = "<!-- generated by bench.Bench: end -->";

    /** Replaces the generated part of the document, keeping what was written by hand around it. */
    static String withGeneratedPart(Path doc, String generated) throws IOException {
        String block = START + "\n" + generated + END + "\n";
        if (!Files.exists(doc)) {
            return block;
        }
        String old = Files.readString(doc);
        int start = old.indexOf(START);
        int end = old.indexOf(END);
        if (start < 0 || end < start) {
            return block + "\n" + old;
        }
        return old.substring(0, start) + block + old.substring(end + END.length()).replaceFirst("^\n", "");
    }

    private void line(String text) {
        OUT.println(text);
        OUT.flush();
        md.append(text).append('\n');
    }

    private void table(List<Stats.Figure> figures) {
        line("");
        line("| figure | min | median | max | unit | each run |");
        line("|---|---:|---:|---:|---|---|");
        figures.forEach(f -> line(f.row()));
        line("");
    }

    private void header() throws IOException {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", "")).orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        line("# Benchmarks");
        line("");
        line("Generated by `./mvnw -B -Pbench verify` (`bench.Bench` in `src/test/java/com/allocationdesk/allocation/bench/`,"
                + " run by failsafe as `AllocationDeskBench` after the jar is built; no tests run). Do not edit by hand: rerun it.");
        line("What each figure means, the targets of issue 6 and what limits the misses: after the generated part.");
        line("");
        line("- Date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        line("- Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", heap max "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB; shared and noisy: compare ratios, not absolutes");
        line("- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        line("- Runs per figure: " + RUNS + " (min / median / max over them; every ratio is computed within one run)");
        line("- Git commit: " + git("rev-parse", "--short", "HEAD") + (git("status", "--porcelain", "src/main").isBlank()
                ? "" : " (with uncommitted changes in src/main)"));
    }

    private String git(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git", "-C", project.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    // ------------------------------------------------------------------ 1. limit vs app

    private void limitVersusApp() throws Exception {
        int perRun = Integer.getInteger("bench.allocationsPerRun", 1500);
        int skus = 200;
        line("");
        line("## 1. Limit vs app: durable allocations, one thread");
        line("");
        line("App: `bus.handle(new Allocate(...))` through the real bootstrap (message bus, Hibernate unit of work,"
                + " in-transaction projections), " + perRun + " allocations per run over " + skus + " SKUs."
                + " Limit: the same read-modify-write in plain JDBC on the same database and pool (`Database.dataSource()`):"
                + " select product, select its batches, version-checked update of the product, update of the batch, insert of"
                + " the allocation, insert of the read-table row, update of the batch's read-table row, the event-log entry the app"
                + " writes too (the last `seq`, one INSERT of a `line.allocated` payload of the same size), one durable commit. App and"
                + " limit alternate within each run. CPU: the calling thread's CPU time per allocation (the JVM's thread CPU clock),"
                + " which excludes waiting for the disk.");
        Path db = work.resolve("limit").resolve("desk");
        try (Bootstrap app = Bootstrap.start(new AppConfig(db))) {
            MessageBus bus = app.get(MessageBus.class);
            DataSource dataSource = app.get(DataSource.class);
            for (int s = 0; s < skus; s++) {
                bus.handle(new CreateBatch("A" + s, "APP" + s, 10_000_000, null));
                bus.handle(new CreateBatch("L" + s, "LIM" + s, 10_000_000, null));
            }
            JdbcLimit limit = JdbcLimit.onFile(dataSource);
            // warm-up: the app path runs far more code than the limit, and the JIT needs thousands
            // of allocations before it has compiled it: after 5,000 the first run still took 15-20 %
            // more CPU per allocation than the later ones (2026-12-03), so 15,000
            appRun(bus, "w", WARM_UP, skus);
            limit.run("w", WARM_UP, i -> "LIM" + (i % skus));
            Stats.Figure appRate = new Stats.Figure("app allocate/s", "/s");
            Stats.Figure limitRate = new Stats.Figure("limit tx/s", "/s");
            Stats.Figure ratio = new Stats.Figure("ratio app / limit (same run)", "× (target ≥ 0.7)");
            Stats.Figure appCpu = new Stats.Figure("app CPU per allocation", "µs");
            Stats.Figure limitCpu = new Stats.Figure("limit CPU per transaction", "µs");
            Stats.Figure cpuRatio = new Stats.Figure("CPU app / limit (same run)", "× (target ≤ 1.5)");
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int run = 0; run < RUNS; run++) {
                long c0 = threads.getCurrentThreadCpuTime();
                double a = appRun(bus, "r" + run, perRun, skus);
                long c1 = threads.getCurrentThreadCpuTime();
                double l = limit.run("r" + run, perRun, i -> "LIM" + (i % skus));
                long c2 = threads.getCurrentThreadCpuTime();
                appRate.add(a);
                limitRate.add(l);
                ratio.add(a / l);
                appCpu.add((c1 - c0) / 1e3 / perRun);
                limitCpu.add((c2 - c1) / 1e3 / perRun);
                cpuRatio.add((double) (c1 - c0) / (c2 - c1));
                OUT.printf("  run %d: app %.0f/s, limit %.0f/s, ratio %.2f%n", run, a, l, a / l);
            }
            table(List.of(appRate, limitRate, ratio, appCpu, limitCpu, cpuRatio));
            // one run's CPU swings by a third either way (HSQLDB's free-space upkeep lands on one
            // side or the other, 0-32 % of a run's samples: docs/BENCHMARKS.md, 2026-12-04), so the
            // median of a few runs moves too; the totals over all runs are the steadier figure
            line(String.format("CPU app / limit over all %d runs (their total thread CPU): %.2f× (target ≤ 1.5).",
                    RUNS, appCpu.total() / limitCpu.total()));
        }
    }

    private static final int WARM_UP = Integer.getInteger("bench.warmUp", 15_000);

    private static double appRun(MessageBus bus, String prefix, int n, int skus) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bus.handle(new Allocate(prefix + "-a" + i, "APP" + (i % skus), 1));
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    // ------------------------------------------------------------------ 2 + 3. scaling and read side

    private void scalingAndReadSide() throws Exception {
        int perRun = Integer.getInteger("bench.latencySamples", 1_000);
        Path smallDb = work.resolve("small").resolve("desk");
        Path bigDb = work.resolve("big").resolve("desk");
        line("");
        line("## 2. Scaling: allocate latency as history grows");
        line("");
        line("Seeded with direct SQL into the write and read tables alike (products, batches, allocations, read_batches,"
                + " read_allocations), 100 allocated lines per SKU: the small database holds 1,000 lines (10 SKUs), the big one "
                + String.format("%,d", BIG_LINES) + " (" + String.format("%,d", BIG_LINES / 100) + " SKUs). Each run allocates "
                + perRun + " new lines on 10 SKUs of each database, alternating one by one, through the real bus. For the same-SKU"
                + " figure, each run allocates " + perRun + " lines on a SKU that already has 10,000 allocated lines, alternating"
                + " with 10 SKUs that have 10 each (so they stay between 10 and " + (10 + perRun / 10) + ").");
        long seedStart = System.nanoTime();
        Seeder.seed(smallDb, 1_000, RUNS);
        Seeder.seed(bigDb, BIG_LINES, 0);
        line("");
        line("Seeding took " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - seedStart) + " s.");
        try (Bootstrap small = Bootstrap.start(new AppConfig(smallDb));
             Bootstrap big = Bootstrap.start(new AppConfig(bigDb))) {
            MessageBus smallBus = small.get(MessageBus.class);
            MessageBus bigBus = big.get(MessageBus.class);
            // warm-up on other SKUs
            for (int i = 0; i < 300; i++) {
                smallBus.handle(new Allocate("warm" + i, Seeder.sku(5 + i % 5), 1));
                bigBus.handle(new Allocate("warm" + i, Seeder.sku(5 + i % 5), 1));
            }
            if (ITEMS.contains("2")) {
                Stats.Figure p50Small = new Stats.Figure("allocate p50, 1,000 lines stored", "ms");
                Stats.Figure p99Small = new Stats.Figure("allocate p99, 1,000 lines stored", "ms");
                Stats.Figure p50Big = new Stats.Figure("allocate p50, " + String.format("%,d", BIG_LINES) + " lines stored", "ms");
                Stats.Figure p99Big = new Stats.Figure("allocate p99, " + String.format("%,d", BIG_LINES) + " lines stored", "ms");
                Stats.Figure growth50 = new Stats.Figure("growth p50 big / small (same run)", "× (target ≤ 1.5)");
                Stats.Figure growth99 = new Stats.Figure("growth p99 big / small (same run)", "× (target ≤ 1.5)");
                Stats.Figure p50Few = new Stats.Figure("allocate p50, 10 lines on the SKU", "ms");
                Stats.Figure p99Few = new Stats.Figure("allocate p99, 10 lines on the SKU", "ms");
                Stats.Figure p50Many = new Stats.Figure("allocate p50, 10,000 lines on the SKU", "ms");
                Stats.Figure p99Many = new Stats.Figure("allocate p99, 10,000 lines on the SKU", "ms");
                Stats.Figure growthSku50 = new Stats.Figure("growth p50 10,000 / 10 (same run)", "× (target ≤ 1.5)");
                Stats.Figure growthSku99 = new Stats.Figure("growth p99 10,000 / 10 (same run)", "× (target ≤ 1.5)");
                for (int run = 0; run < RUNS; run++) {
                    long[] s = new long[perRun];
                    long[] b = new long[perRun];
                    long[] few = new long[perRun];
                    long[] many = new long[perRun];
                    for (int i = 0; i < perRun; i++) {
                        Allocate allocate = new Allocate("run" + run + "-" + i, Seeder.sku(i % 5), 1);
                        s[i] = timed(() -> smallBus.handle(allocate));
                        b[i] = timed(() -> bigBus.handle(allocate));
                    }
                    for (int i = 0; i < perRun; i++) {
                        Allocate onFew = new Allocate("hot" + i, Seeder.hotFew(run, i % 10), 1);
                        Allocate onMany = new Allocate("hot" + i, Seeder.hotMany(run), 1);
                        few[i] = timed(() -> smallBus.handle(onFew));
                        many[i] = timed(() -> smallBus.handle(onMany));
                    }
                    add(p50Small, p99Small, s);
                    add(p50Big, p99Big, b);
                    add(p50Few, p99Few, few);
                    add(p50Many, p99Many, many);
                    growth50.add(Stats.percentile(b, 50) / Stats.percentile(s, 50));
                    growth99.add(Stats.percentile(b, 99) / Stats.percentile(s, 99));
                    growthSku50.add(Stats.percentile(many, 50) / Stats.percentile(few, 50));
                    growthSku99.add(Stats.percentile(many, 99) / Stats.percentile(few, 99));
                    OUT.printf("  run %d: p50 small %.2f ms big %.2f ms; 10 lines %.2f ms, 10k lines %.2f ms%n", run,
                            Stats.percentile(s, 50) / 1e6, Stats.percentile(b, 50) / 1e6,
                            Stats.percentile(few, 50) / 1e6, Stats.percentile(many, 50) / 1e6);
                }
                table(List.of(p50Small, p50Big, growth50, p99Small, p99Big, growth99,
                        p50Few, p50Many, growthSku50, p99Few, p99Many, growthSku99));
            }
            if (ITEMS.contains("3")) {
                readSide(big);
            }
        }
    }

    private static long timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static void add(Stats.Figure p50, Stats.Figure p99, long[] samples) {
        p50.add(Stats.percentile(samples, 50) / 1e6);
        p99.add(Stats.percentile(samples, 99) / 1e6);
    }

    private void readSide(Bootstrap big) {
        int queries = Integer.getInteger("bench.queries", 5_000);
        line("");
        line("## 3. Read side at " + String.format("%,d", BIG_LINES) + " allocated lines");
        line("");
        line("`AllocationsQuery.forOrder(id)` for random existing orders and `BatchesQuery.list(sku)` for random SKUs"
                + " (one batch each) of the big database, through the beans the window uses; " + queries
                + " queries of each per run after 2,000 of warm-up.");
        AllocationsQuery allocations = big.get(AllocationsQuery.class);
        BatchesQuery batches = big.get(BatchesQuery.class);
        int skus = BIG_LINES / 100;
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            allocations.forOrder(Seeder.order(random.nextInt(BIG_LINES)));
            batches.list(Seeder.sku(random.nextInt(skus)));
        }
        Stats.Figure a50 = new Stats.Figure("allocations for an order, p50", "µs");
        Stats.Figure a99 = new Stats.Figure("allocations for an order, p99", "µs (target < 100)");
        Stats.Figure b50 = new Stats.Figure("batches of a SKU, p50", "µs");
        Stats.Figure b99 = new Stats.Figure("batches of a SKU, p99", "µs (target < 100)");
        for (int run = 0; run < RUNS; run++) {
            long[] a = new long[queries];
            long[] b = new long[queries];
            for (int i = 0; i < queries; i++) {
                String order = Seeder.order(random.nextInt(BIG_LINES));
                String sku = Seeder.sku(random.nextInt(skus));
                long t0 = System.nanoTime();
                if (allocations.forOrder(order).size() != 1) {
                    throw new IllegalStateException("seeded order not found: " + order);
                }
                long t1 = System.nanoTime();
                if (batches.list(sku).size() != 1) {
                    throw new IllegalStateException("seeded SKU not found: " + sku);
                }
                long t2 = System.nanoTime();
                a[i] = t1 - t0;
                b[i] = t2 - t1;
            }
            a50.add(Stats.percentile(a, 50) / 1e3);
            a99.add(Stats.percentile(a, 99) / 1e3);
            b50.add(Stats.percentile(b, 50) / 1e3);
            b99.add(Stats.percentile(b, 99) / 1e3);
        }
        table(List.of(a50, a99, b50, b99));
    }

    // ------------------------------------------------------------------ 4. imports

    private void imports() throws Exception {
        int rows = IMPORT_ROWS;
        line("");
        line("## 4. Imports through the command line, in process, and their plain-JDBC limit");
        line("");
        line(String.format("`import-batches` of %,d rows, then `import-orders` of %,d lines on the same SKUs (stock for all of"
                + " them), on two shapes: %s. App: `AllocationDeskCommand` exactly as the jar runs it (start-up, whole-file check,"
                + " then chunks of 500, one transaction each), timed from the command to its exit. Limit (`ImportLimit`, issue 16):"
                + " the same file, rules, chunks, durable commits and rows written in plain JDBC (whole-file check with one"
                + " look-up per 500 rows, then per chunk: products read and version-bumped, batches and their read rows, allocations"
                + " and their read rows, each batch's allocated total once, one event-log entry per row of the app's payload; JDBC"
                + " batches), timed from the file to its last commit, on a database opened and migrated by the app's bootstrap"
                + " beforehand (its start-up is not counted). Each into a fresh database; app and limit alternate which goes first"
                + " from run to run, and after each run the two databases must hold the same rows (every table, times left out) or"
                + " the bench fails. Thread CPU: the calling thread's CPU time for each import (the JVM's thread CPU clock; the CLI,"
                + " Hibernate and the embedded database run in it), which a loaded machine stretches less than wall time."
                + " Heap (app only): used heap sampled every 20 ms during the import (peak), and after a GC at the"
                + " end (retained).", rows, rows, String.join(" and ", IMPORT_SHAPES.stream()
                .map(skus -> String.format("%,d SKUs × %,d batches", skus, rows / skus)).toList())));
        for (int skus : IMPORT_SHAPES) {
            importShape(rows, skus);
        }
        line("Heap before the imports (after GC): " + Stats.fmt(usedMbAfterGc()) + " MB; max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB.");
    }

    private void importShape(int rows, int skus) throws Exception {
        line("");
        line(String.format("### %,d SKUs × %,d batches per SKU", skus, rows / skus));
        Path batchesCsv = work.resolve("batches-" + skus + ".csv");
        Path ordersCsv = work.resolve("orders-" + skus + ".csv");
        writeBatches(batchesCsv, rows, skus);
        writeOrders(ordersCsv, rows, skus);
        Stats.Figure batchRate = new Stats.Figure("import-batches, app", "rows/s (target ≥ 20,000)");
        Stats.Figure batchLimit = new Stats.Figure("import-batches, limit", "rows/s");
        Stats.Figure batchRatio = new Stats.Figure("import-batches, app / limit (same run)", "× (target ≥ 0.5)");
        Stats.Figure orderRate = new Stats.Figure("import-orders, app", "lines/s (target ≥ 20,000)");
        Stats.Figure orderLimit = new Stats.Figure("import-orders, limit", "lines/s");
        Stats.Figure orderRatio = new Stats.Figure("import-orders, app / limit (same run)", "× (target ≥ 0.5)");
        Stats.Figure batchCpu = new Stats.Figure("import-batches, thread CPU app / limit (same run)", "×");
        Stats.Figure orderCpu = new Stats.Figure("import-orders, thread CPU app / limit (same run)", "×");
        Stats.Figure batchPeak = new Stats.Figure("peak used heap during import-batches (app)", "MB");
        Stats.Figure orderPeak = new Stats.Figure("peak used heap during import-orders (app)", "MB");
        Stats.Figure retained = new Stats.Figure("used heap after both imports (app), after GC", "MB");
        for (int run = 0; run < RUNS; run++) {
            Path appDb = work.resolve("import" + run).resolve("desk");
            Path limitDb = work.resolve("import-limit" + run).resolve("desk");
            double[] b = null;
            double[] o = null;
            double[] l = null;
            for (boolean appTurn : run % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                if (appTurn) {
                    b = cliTimed(appDb, batchRate, batchPeak, "import-batches", batchesCsv.toString());
                    o = cliTimed(appDb, orderRate, orderPeak, "import-orders", ordersCsv.toString());
                    System.gc();
                    retained.add(usedMb());
                } else {
                    l = limitTimed(limitDb, batchesCsv, ordersCsv);
                }
            }
            batchLimit.add(l[0]);
            orderLimit.add(l[1]);
            batchRatio.add(b[0] / l[0]);
            orderRatio.add(o[0] / l[1]);
            batchCpu.add(b[2] / l[2]);
            orderCpu.add(o[2] / l[3]);
            requireSameState(appDb, limitDb);
            OUT.printf("  run %d: batches %.0f rows/s (limit %.0f, ratio %.2f, peak %.0f MB), orders %.0f lines/s"
                    + " (limit %.0f, ratio %.2f, peak %.0f MB); same rows in both databases%n",
                    run, b[0], l[0], b[0] / l[0], b[1], o[0], l[1], o[0] / l[1], o[1]);
            deleteTree(appDb.getParent());
            deleteTree(limitDb.getParent());
        }
        Files.delete(batchesCsv);
        Files.delete(ordersCsv);
        table(List.of(batchRate, batchLimit, batchRatio, batchCpu, batchPeak, orderRate, orderLimit, orderRatio, orderCpu, orderPeak,
                retained));
    }

    /**
     * {@link ImportLimit} of both files into a database the app's bootstrap made: rows/s, lines/s, and
     * the thread CPU time of each (ns).
     */
    private static double[] limitTimed(Path db, Path batchesCsv, Path ordersCsv) throws Exception {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Bootstrap store = Bootstrap.start(new AppConfig(db))) {
            ImportLimit limit = new ImportLimit(store.get(DataSource.class));
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long batches = limit.importBatches(batchesCsv);
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            long lines = limit.importOrders(ordersCsv);
            long t2 = System.nanoTime();
            long c2 = threads.getCurrentThreadCpuTime();
            return new double[] {batches / ((t1 - t0) / 1e9), lines / ((t2 - t1) / 1e9), c1 - c0, c2 - c1};
        }
    }

    /** Fails the bench unless the app's and the limit's databases hold the same rows ({@link ImportLimit#fingerprint}). */
    private static void requireSameState(Path appDb, Path limitDb) throws Exception {
        try (Bootstrap app = Bootstrap.start(new AppConfig(appDb)); Bootstrap limit = Bootstrap.start(new AppConfig(limitDb))) {
            ImportLimit.requireSameState(app.get(DataSource.class), limit.get(DataSource.class));
        }
    }

    /** Item 4's batches file: {@code rows} batches of 10 units over {@code skus} SKUs, a third warehouse stock. */
    static void writeBatches(Path file, int rows, int skus) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("ref,sku,qty,eta\n");
            for (int i = 0; i < rows; i++) {
                w.write("IB" + i + ",IS" + (i % skus) + ",10," + (i % 3 == 0 ? "" : LocalDate.of(2027, 1, 1).plusDays(i % 300)) + "\n");
            }
        }
    }

    /** Item 4's order file: {@code rows} lines of 1 to 3 units on the batches' SKUs (stock for all of them). */
    static void writeOrders(Path file, int rows, int skus) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("orderid,sku,qty\n");
            for (int i = 0; i < rows; i++) {
                w.write("io" + i + ",IS" + (i % skus) + "," + (1 + i % 3) + "\n");
            }
        }
    }

    private double[] cliTimed(Path db, Stats.Figure rate, Stats.Figure peak, String... args) throws Exception {
        System.gc();
        AtomicLong max = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                max.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long start = System.nanoTime();
        InProcessCli.Run run = InProcessCli.onDatabase(db, args);
        double seconds = (System.nanoTime() - start) / 1e9;
        cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
        running.set(false);
        sampler.join();
        if (run.code() != 0) {
            throw new IllegalStateException(args[0] + " failed with " + run.code() + ": " + run.err());
        }
        double r = IMPORT_ROWS / seconds;
        double mb = max.get() / (1024.0 * 1024.0);
        rate.add(r);
        peak.add(mb);
        return new double[] {r, mb, cpu};
    }

    private static double usedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private static double usedMbAfterGc() {
        System.gc();
        return usedMb();
    }

    // ------------------------------------------------------------------ 5. start-up

    private void startUp() throws Exception {
        new StartUp(project, work, RUNS + 2, this::line, this::table).run();
    }

    // ------------------------------------------------------------------ 6. FX-thread stalls

    private void fxStalls() throws Exception {
        new FxStalls(work, RUNS, this::line, this::table).run();
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}

package com.allocationdesk.allocation.bench;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.cli.AllocationDeskCommand;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;
import com.allocationdesk.allocation.entrypoints.imports.ImportProgress;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;
import com.allocationdesk.allocation.entrypoints.imports.OrderImport;
import com.allocationdesk.allocation.entrypoints.inbox.Inbox;
import com.allocationdesk.allocation.outbox.OutboxRelay;
import com.allocationdesk.allocation.queries.EventLogQuery;
import com.allocationdesk.allocation.queries.LogEntryJson;
import com.allocationdesk.allocation.queries.LogEntryRow;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Bench item 8 (issue 13): a file of order lines from another system, dropped into the inbox,
 * until the relay has published the last event it caused, in one process: the inbox and the relay
 * loop on two threads as {@code inbox --follow} and {@code publish --follow} do (a pass, a pause,
 * again). Compared, in the same run, with {@code import-orders} of the same file on a fresh copy
 * of the same database (what the inbox runs, without the relay and the exactly-once receipts), and
 * the relay alone on the entries that import left in the log.
 */
final class EndToEndBench {
    /** The pause of the real {@code --follow} loops ({@code entrypoints.cli.FollowLoop.PAUSE_MILLIS}). */
    private static final long FOLLOW_PAUSE_MILLIS = 1000;
    /** The pause of the measured loops: short, so the figure shows the work, not the waiting. */
    private static final long PAUSE_MILLIS = Long.getLong("bench.e2ePauseMillis", 100);
    private static final int WARM_LINES = 10_000;
    private static final String DROPPED = "orders-from-erp.csv";
    private static final Pattern PUBLISHED = Pattern.compile("events-(\\d{20})-(\\d{20})\\.jsonl");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Path work;
    private final String commit;
    private final Consumer<String> line;
    private final Consumer<List<Stats.Figure>> table;

    EndToEndBench(Path work, String commit, Consumer<String> line, Consumer<List<Stats.Figure>> table) {
        this.work = work;
        this.commit = commit;
        this.line = line;
        this.table = table;
    }

    /** What the import of the file on its own copy, and the relay after it, took. */
    private record Limit(double importSeconds, double importCpuSeconds, long entries, double relaySeconds, double readSeconds,
                         double jsonSeconds) {
    }

    /** What the file took from the drop, as seen from the inbox's thread and from a watcher of the outbox folder. */
    private record EndToEnd(long entries, double takenSeconds, double recordedSeconds, double firstSeconds,
                            double lastSeconds, double relayCpuSeconds, double inboxCpuSeconds, long filesPublished) {
    }

    /** One outbox file, as the watcher saw it renamed into place. */
    private record Seen(long first, long last, long at) {
    }

    void run() throws Exception {
        int rows = Bench.IMPORT_ROWS;
        int skus = Bench.IMPORT_SKUS;
        Path dir = work.resolve("e2e");
        Files.createDirectories(dir);
        line.accept("");
        line.accept("## 8. End-to-end: inbox → outbox");
        line.accept("");
        line.accept(String.format("Issue 13. Seeded like item 4: `import-batches` of %,d rows (%,d SKUs, %,d open batches per SKU),"
                + " then `publish --once`, so the outbox is up to date before the file comes. On a fresh copy of that database"
                + " per run, the application started in process as the command line starts it (`AllocationDeskCommand.start`),"
                + " the inbox and the relay loop on two threads as `inbox --follow` and `publish --follow` do: a pass"
                + " (`Inbox.takePending` with settle 0 and chunks of %d; `OutboxRelay.publishPending` with %,d entries per file),"
                + " then a pause of %d ms (the real `--follow` pauses %,d ms). A sender writes the %,d-line order file"
                + " (item 4's) elsewhere and renames it into the inbox; a watcher of the outbox folder (inotify) notes when each"
                + " published file is renamed into place. *End to end*: from the rename into the inbox to the outbox file holding"
                + " the last entry the file caused. *First event*: to the first outbox file with an entry of it. The limit:"
                + " `import-orders` of the same file (`OrderImport.run`, what the subcommand runs, in an application already"
                + " started) on another fresh copy in the same run; then the relay alone publishes what that import left in the"
                + " log, and the same entries are read again in pages (`EventLogQuery.after`), without and with their JSON, to"
                + " tell reading from writing. CPU: each thread's own CPU time (the JVM's thread CPU clock; the embedded database"
                + " and Hibernate run in the calling thread, so it is all the inbox's or the import's work), which a loaded"
                + " machine does not stretch as it stretches wall time."
                + " Runs alternate which of the two goes first, after a warm-up of %,d lines of each."
                + " Commit %s.",
                rows, skus, rows / skus, Inbox.DEFAULT_CHUNK, OutboxRelay.DEFAULT_ENTRIES_PER_FILE, PAUSE_MILLIS,
                FOLLOW_PAUSE_MILLIS, rows, WARM_LINES, commit));
        Path batchesCsv = dir.resolve("batches.csv");
        Path ordersCsv = dir.resolve("orders.csv");
        Path warmCsv = dir.resolve("warm.csv");
        Bench.writeBatches(batchesCsv, rows, skus);
        Bench.writeOrders(ordersCsv, rows, skus);
        Bench.writeOrders(warmCsv, Math.min(WARM_LINES, rows), skus);
        Path template = dir.resolve("template").resolve("desk");
        long seedStart = System.nanoTime();
        cli(template, "import-batches", batchesCsv.toString());
        cli(template, "publish", "--once", "--outbox", dir.resolve("seed-outbox").toString());
        line.accept("");
        line.accept("Seeding took " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - seedStart) + " s.");

        limit(copy(template, dir.resolve("warm-limit")), warmCsv);
        endToEnd(copy(template, dir.resolve("warm-e2e")), warmCsv, Math.min(WARM_LINES, rows), PAUSE_MILLIS);

        Stats.Figure e2eRate = new Stats.Figure("end to end: drop → last event published", "lines/s");
        Stats.Figure limitRate = new Stats.Figure("import-orders of the same file (the limit)", "lines/s");
        Stats.Figure ratio = new Stats.Figure("ratio end to end / import-orders (same run)", "× (target 1)");
        Stats.Figure recorded = new Stats.Figure("drop → first entry recorded (the file hashed, copied and checked; first chunk"
                + " committing)", "ms");
        Stats.Figure first = new Stats.Figure("drop → first event published", "ms, pause " + PAUSE_MILLIS + " ms");
        Stats.Figure inboxRate = new Stats.Figure("inbox: drop → file taken (last chunk committed)", "lines/s");
        Stats.Figure tail = new Stats.Figure("relay behind at the end: file taken → last event published", "ms");
        Stats.Figure relayCpu = new Stats.Figure("relay thread CPU, drop → last event published", "s");
        Stats.Figure inboxCpu = new Stats.Figure("inbox thread CPU, drop → last event published", "s");
        Stats.Figure importCpu = new Stats.Figure("import-orders thread CPU (the limit)", "s");
        Stats.Figure cpuRatio = new Stats.Figure("CPU inbox / import-orders (same run)", "×");
        Stats.Figure files = new Stats.Figure("outbox files the end to end wrote", "files");
        Stats.Figure entries = new Stats.Figure("entries the file caused", "entries");
        Stats.Figure produced = new Stats.Figure("entries written per second by import-orders", "entries/s");
        Stats.Figure relayAlone = new Stats.Figure("relay alone: publish those entries, already in the log", "entries/s");
        Stats.Figure readAlone = new Stats.Figure("reading them alone, pages of 1,000 (`EventLogQuery.after`)", "entries/s");
        Stats.Figure jsonAlone = new Stats.Figure("reading them + their JSON lines, no file", "entries/s");
        for (int run = 0; run < Bench.RUNS; run++) {
            Path limitDb = copy(template, dir.resolve("limit" + run));
            Path e2eDb = copy(template, dir.resolve("e2e" + run));
            Limit l;
            EndToEnd e;
            if (run % 2 == 0) {
                l = limit(limitDb, ordersCsv);
                e = endToEnd(e2eDb, ordersCsv, rows, PAUSE_MILLIS);
            } else {
                e = endToEnd(e2eDb, ordersCsv, rows, PAUSE_MILLIS);
                l = limit(limitDb, ordersCsv);
            }
            if (e.entries() != l.entries()) {
                throw new IllegalStateException("the inbox caused " + e.entries() + " entries, import-orders "
                        + l.entries() + ", for the same file on the same database");
            }
            double limitLines = rows / l.importSeconds();
            double e2eLines = rows / e.lastSeconds();
            e2eRate.add(e2eLines);
            limitRate.add(limitLines);
            ratio.add(e2eLines / limitLines);
            recorded.add(e.recordedSeconds() * 1e3);
            first.add(e.firstSeconds() * 1e3);
            inboxRate.add(rows / e.takenSeconds());
            tail.add((e.lastSeconds() - e.takenSeconds()) * 1e3);
            relayCpu.add(e.relayCpuSeconds());
            inboxCpu.add(e.inboxCpuSeconds());
            importCpu.add(l.importCpuSeconds());
            cpuRatio.add(e.inboxCpuSeconds() / l.importCpuSeconds());
            files.add(e.filesPublished());
            entries.add(e.entries());
            produced.add(l.entries() / l.importSeconds());
            relayAlone.add(l.entries() / l.relaySeconds());
            readAlone.add(l.entries() / l.readSeconds());
            jsonAlone.add(l.entries() / l.jsonSeconds());
            Bench.OUT.printf("  run %d: end to end %.0f lines/s, import-orders %.0f lines/s (ratio %.2f); first event %.0f ms;"
                            + " relay alone %.0f entries/s%n", run, e2eLines, limitLines, e2eLines / limitLines,
                    e.firstSeconds() * 1e3, l.entries() / l.relaySeconds());
            Bench.deleteTree(limitDb.getParent());
            Bench.deleteTree(e2eDb.getParent());
        }
        table.accept(List.of(e2eRate, limitRate, ratio, recorded, first, inboxRate, tail, relayCpu, inboxCpu, importCpu, cpuRatio, files, entries,
                produced, relayAlone, readAlone, jsonAlone));

        Path followDb = copy(template, dir.resolve("follow"));
        EndToEnd follow = endToEnd(followDb, ordersCsv, rows, FOLLOW_PAUSE_MILLIS);
        Bench.deleteTree(followDb.getParent());
        line.accept("With the real `--follow` pause of " + String.format("%,d", FOLLOW_PAUSE_MILLIS) + " ms, one run:");
        table.accept(List.of(
                new Stats.Figure("end to end, pause 1 s", "lines/s").add(rows / follow.lastSeconds()),
                new Stats.Figure("drop → first event published, pause 1 s", "ms").add(follow.firstSeconds() * 1e3),
                new Stats.Figure("relay behind at the end, pause 1 s", "ms")
                        .add((follow.lastSeconds() - follow.takenSeconds()) * 1e3),
                new Stats.Figure("outbox files, pause 1 s", "files").add(follow.filesPublished())));
    }

    /** import-orders of {@code file}, then the relay alone over what it logged, then reading the same entries again. */
    private static Limit limit(Path db, Path file) throws Exception {
        try (Bootstrap app = AllocationDeskCommand.start(new AppConfig(db))) {
            awaitWriteSide(app);
            DataSource dataSource = app.get(DataSource.class);
            long before = lastSeq(dataSource);
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            ImportReport report = app.get(OrderImport.class).run(file, ImportProgress.NONE, () -> false);
            double importCpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
            double importSeconds = (System.nanoTime() - start) / 1e9;
            if (report.status() != ImportReport.Status.DONE) {
                throw new IllegalStateException("import-orders did not finish: " + report.summary());
            }
            long after = lastSeq(dataSource);
            OutboxRelay relay = app.get(OutboxRelay.class);
            long relayStart = System.nanoTime();
            OutboxRelay.Published published = relay.publishPending(db.resolveSibling("outbox"),
                    OutboxRelay.DEFAULT_ENTRIES_PER_FILE);
            double relaySeconds = (System.nanoTime() - relayStart) / 1e9;
            if (published.entries() != after - before || published.lastSeq() != after) {
                throw new IllegalStateException("the relay published " + published + ", expected " + (after - before)
                        + " entries up to seq " + after);
            }
            EventLogQuery log = app.get(EventLogQuery.class);
            long readStart = System.nanoTime();
            long read = pages(log, before, false);
            double readSeconds = (System.nanoTime() - readStart) / 1e9;
            long jsonStart = System.nanoTime();
            long json = pages(log, before, true);
            double jsonSeconds = (System.nanoTime() - jsonStart) / 1e9;
            if (read != after - before || json != read) {
                throw new IllegalStateException("read " + read + " / " + json + " entries after seq " + before
                        + ", expected " + (after - before));
            }
            return new Limit(importSeconds, importCpuSeconds, after - before, relaySeconds, readSeconds, jsonSeconds);
        }
    }

    /** Reads the log after {@code seq} as the relay does, page by page; with {@code json}, each entry's published line too. */
    private static long pages(EventLogQuery log, long seq, boolean json) {
        long entries = 0;
        long characters = 0;
        for (List<LogEntryRow> page = log.after(seq, OutboxRelay.DEFAULT_ENTRIES_PER_FILE); !page.isEmpty();
             page = log.after(seq, OutboxRelay.DEFAULT_ENTRIES_PER_FILE)) {
            if (json) {
                for (LogEntryRow row : page) {
                    characters += LogEntryJson.line(row).length();
                }
            }
            entries += page.size();
            seq = page.get(page.size() - 1).seq();
        }
        if (json && characters == 0) {
            throw new IllegalStateException("no JSON written");
        }
        return entries;
    }

    /** The file dropped into a running inbox and relay, until its last event is published. */
    private static EndToEnd endToEnd(Path db, Path file, long lines, long pauseMillis) throws Exception {
        Path root = db.getParent();
        Path inboxFolder = Files.createDirectories(root.resolve("inbox"));
        Path outbox = Files.createDirectories(root.resolve("outbox"));
        Path sender = Files.createDirectories(root.resolve("sender"));
        Path outgoing = sender.resolve(DROPPED);
        Files.copy(file, outgoing); // written elsewhere first, as a well-behaved sender does
        AtomicBoolean stop = new AtomicBoolean();
        Signal signal = new Signal();
        CompletableFuture<Inbox.FileResult> taken = new CompletableFuture<>();
        AtomicLong takenAt = new AtomicLong();
        AtomicLong relayPasses = new AtomicLong();
        Queue<Seen> seen = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        try (Bootstrap app = AllocationDeskCommand.start(new AppConfig(db));
             WatchService watch = outbox.getFileSystem().newWatchService()) {
            awaitWriteSide(app);
            outbox.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            DataSource dataSource = app.get(DataSource.class);
            Inbox inbox = app.get(Inbox.class);
            OutboxRelay relay = app.get(OutboxRelay.class);
            long base = lastSeq(dataSource);
            Thread watcher = new Thread(() -> watch(watch, seen, signal), "bench-outbox-watcher");
            Thread inboxLoop = loop("bench-inbox", stop, signal, pauseMillis, () -> {
                Inbox.Pass pass = inbox.takePending(inboxFolder, Duration.ZERO, Inbox.DEFAULT_CHUNK, stop::get);
                pass.problem().ifPresent(problem -> {
                    throw new IllegalStateException("inbox pass stopped: " + problem);
                });
                for (Inbox.FileResult result : pass.files()) {
                    if (result.name().equals(DROPPED)) {
                        takenAt.set(System.nanoTime());
                        taken.complete(result);
                        signal.ping();
                    }
                }
            });
            Thread relayLoop = loop("bench-relay", stop, signal, pauseMillis, () -> {
                relay.publishPending(outbox, OutboxRelay.DEFAULT_ENTRIES_PER_FILE, stop::get);
                relayPasses.incrementAndGet();
                signal.ping();
            });
            threads.addAll(List.of(watcher, inboxLoop, relayLoop));
            threads.forEach(Thread::start);
            try {
                signal.await(() -> relayPasses.get() >= 2, "the relay's first passes");
                if (!seen.isEmpty()) {
                    throw new IllegalStateException("the relay published before the drop: " + seen);
                }
                long relayCpu0 = THREADS.getThreadCpuTime(relayLoop.getId());
                long inboxCpu0 = THREADS.getThreadCpuTime(inboxLoop.getId());
                long drop = System.nanoTime();
                Instant dropped = Instant.now();
                Files.move(outgoing, inboxFolder.resolve(DROPPED), StandardCopyOption.ATOMIC_MOVE);
                signal.await(taken::isDone, "the inbox taking " + DROPPED);
                Inbox.FileResult result = taken.get();
                if (result.outcome() != Inbox.Outcome.TAKEN) {
                    throw new IllegalStateException("the inbox did not take " + DROPPED + ": " + result);
                }
                long end = lastSeq(dataSource);
                signal.await(() -> seen.stream().anyMatch(s -> s.last() >= end), "the relay publishing seq " + end);
                long relayCpu1 = THREADS.getThreadCpuTime(relayLoop.getId());
                long inboxCpu1 = THREADS.getThreadCpuTime(inboxLoop.getId());
                List<Seen> ours = seen.stream().filter(s -> s.first() > base).sorted(Comparator.comparingLong(Seen::first))
                        .toList();
                long next = base + 1;
                for (Seen s : ours) {
                    if (s.first() != next) {
                        throw new IllegalStateException("outbox files not contiguous after seq " + base + ": " + ours);
                    }
                    next = s.last() + 1;
                }
                if (next != end + 1) {
                    throw new IllegalStateException("published up to seq " + (next - 1) + ", the log ends at " + end);
                }
                long firstAt = ours.stream().mapToLong(Seen::at).min().orElseThrow();
                long lastAt = ours.stream().filter(s -> s.last() >= end).mapToLong(Seen::at).min().orElseThrow();
                if (!Files.exists(inboxFolder.resolve(Inbox.PROCESSED).resolve(DROPPED))) {
                    throw new IllegalStateException(DROPPED + " was taken but is not in processed/");
                }
                Bench.OUT.printf("    %,d lines: taken after %.2f s, first event %.0f ms, last event %.2f s after the drop%n",
                        lines, (takenAt.get() - drop) / 1e9, (firstAt - drop) / 1e6, (lastAt - drop) / 1e9);
                double recordedSeconds = Duration.between(dropped, recordedAt(dataSource, base + 1)).toNanos() / 1e9;
                return new EndToEnd(end - base, (takenAt.get() - drop) / 1e9, recordedSeconds, (firstAt - drop) / 1e9,
                        (lastAt - drop) / 1e9, (relayCpu1 - relayCpu0) / 1e9, (inboxCpu1 - inboxCpu0) / 1e9, ours.size());
            } finally {
                stop.set(true);
                relayLoop.join();
                inboxLoop.join();
                watch.close();
                watcher.join();
            }
        }
    }

    /** A follow loop: a pass, then the pause, until stopped (as {@code FollowLoop}, which pauses after every pass). */
    private static Thread loop(String name, AtomicBoolean stop, Signal signal, long pauseMillis,
                               Runnable pass) {
        Thread thread = new Thread(() -> {
            try {
                while (!stop.get()) {
                    pass.run();
                    Thread.sleep(pauseMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                signal.fail(e);
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Notes each published file (not the relay's temporary ones) when it is renamed into the outbox folder. */
    private static void watch(WatchService watch, Queue<Seen> seen, Signal signal) {
        try {
            while (true) {
                WatchKey key = watch.take();
                long at = System.nanoTime();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        throw new IllegalStateException("the outbox watcher lost events (overflow)");
                    }
                    Matcher m = PUBLISHED.matcher(event.context().toString());
                    if (m.matches()) {
                        seen.add(new Seen(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), at));
                    }
                }
                key.reset();
                signal.ping();
            }
        } catch (ClosedWatchServiceException | InterruptedException done) {
            // stopped
        } catch (RuntimeException e) {
            signal.fail(e);
        }
    }

    /**
     * What the measuring thread waits on, without polling (a thread waking every few milliseconds
     * would keep the machine's cores awake and change what is measured): the other threads ping it
     * whenever something changed, or hand it their failure.
     */
    private static final class Signal {
        private Throwable failure;

        synchronized void ping() {
            notifyAll();
        }

        synchronized void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
            notifyAll();
        }

        synchronized void await(BooleanSupplier condition, String what) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!condition.getAsBoolean()) {
                if (failure != null) {
                    throw new IllegalStateException("failed waiting for " + what, failure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("waited 10 minutes for " + what);
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Hibernate booted, as in a follow process that has been running for a while. */
    private static void awaitWriteSide(Bootstrap app) {
        try (UnitOfWork ignored = app.get(UnitOfWork.Factory.class).start()) {
            // opened and rolled back
        }
    }

    private static long lastSeq(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT seq FROM event_log ORDER BY seq DESC LIMIT 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** When the entry was recorded: the application's clock in the unit of work that wrote it, just before its commit. */
    private static Instant recordedAt(DataSource dataSource, long seq) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT recorded_at FROM event_log WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no entry " + seq);
                }
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    private static void cli(Path db, String... args) {
        InProcessCli.Run run = InProcessCli.onDatabase(db, args);
        if (run.code() != 0) {
            throw new IllegalStateException(args[0] + " failed with " + run.code() + ": " + run.err());
        }
    }

    /** A copy of the closed template database's files (not its backups, not its lock) as {@code folder/desk}. */
    private static Path copy(Path template, Path folder) throws IOException {
        Files.createDirectories(folder);
        String prefix = template.getFileName() + ".";
        try (Stream<Path> files = Files.list(template.getParent())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(prefix) && !name.endsWith(".lock") && !name.endsWith(".lck")) {
                    Files.copy(f, folder.resolve(name));
                }
            }
        }
        return folder.resolve(template.getFileName());
    }
}

package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.adapters.outbox.JdbcOutboxProgress;
import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.cli.AllocationDeskCommand;
import com.allocationdesk.allocation.entrypoints.inbox.Inbox;
import com.allocationdesk.allocation.outbox.OutboxProgress;
import com.allocationdesk.allocation.outbox.OutboxRelay;
import com.allocationdesk.allocation.queries.EventLogQuery;
import com.allocationdesk.allocation.queries.LogEntryJson;
import com.allocationdesk.allocation.queries.LogEntryRow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox and the outbox killed together (issue 13). Only one process can open the database
 * file, so both run in one child JVM ({@link Desk}), started with the real bootstrap
 * ({@link AllocationDeskCommand#start}), on two threads at once: one takes the inbox
 * ({@code Inbox.takePending}, settle 0, chunks of {@value #CHUNK} lines), the other publishes the
 * ledger ({@code OutboxRelay.publishPending}, {@value #PER_FILE} entries per file, so several
 * hundred files and as many moments between a rename and its stored progress).
 * <p>
 * The parent drops two files into the inbox: {@code batches.csv}, 20 batches of 10 SKUs (taken
 * first: names sort so), enough for most lines, with SKU-8 and SKU-9 short so their last lines
 * wait; and a {@value #LINES}-line order file ({@code orderid,sku,qty}, one line per order). Then
 * it starts the child and kills it with SIGKILL, restarts it, kills it again, in turn:
 * <ul>
 *   <li>inside chunks and publishes: once the run has committed a random number of chunks (up to
 *       twice an equal share of what is left for each kill still to come, so the kills are spread
 *       over the whole file whatever the machine's speed), then 0–300 ms;</li>
 *   <li>0–2.5 s after the JVM started (start-up, while HSQLDB replays the log of the last kill);</li>
 *   <li>between a rename and its stored progress: likewise at a random chunk, then the next time
 *       the relay renames a file of fewer than {@value #PER_FILE} entries into place and the inbox
 *       commits one more chunk (0–20 ms later). For these runs only the relay's progress is stored 2 s after such a rename
 *       ({@link Desk.SlowProgress}: the real store, later, as on a slow disk), so the kill lands in
 *       that moment; a relay that did not rewrite exactly that range would then publish a longer
 *       file starting at the same id;</li>
 *   <li>0–3 s after it is ready (the file checked again, or its first chunks).</li>
 * </ul>
 * After {@code reliability.kills} such kills (7; 30 with {@code -Psoak}), if the work is not done,
 * the child is restarted and killed once more when it says it is idle: the inbox empty, both files
 * in {@code processed/}, the relay caught up with the ledger. After every kill the outbox is read: a name seen before must
 * hold the same bytes; a name whose file (inode) was replaced was re-published, and must be one
 * the relay warned it re-published. Then a final clean run (the child exits 0 after closing the
 * database) and the checks:
 * <ol>
 *   <li>every line of the file is placed exactly once: allocations + waiting lines are the
 *       {@value #LINES} lines of the file, each once, with its SKU and quantity; no batch is
 *       over-allocated, each batch's allocated quantity is the sum of its lines; no line waits
 *       beside stock it fits; the ledger replayed from 1 is the write model;</li>
 *   <li>{@code inbox_receipts} holds exactly ceil({@value #LINES}/{@value #CHUNK}) = 200 rows for
 *       the file's SHA-256, chunks 0…199, one command each (the chunk's {@code AllocateLines}), only
 *       chunk 199 marked {@code last_chunk}, and one for the batches file; the ledger holds exactly
 *       one {@code line.allocated} or {@code line.waiting} entry per order of the file, and nothing
 *       else about them;</li>
 *   <li>the outbox: the names sort in seq order, the ranges are contiguous from 1 (so no id is in
 *       two files), each file holds exactly its range, {@value #PER_FILE} entries at most; the ids
 *       published are exactly 1…max of {@code event_log}, each line is that entry as the desk
 *       writes it ({@code LogEntryJson.line}); every file seen after a kill is still there; no
 *       {@code .part} is left; the stored progress is max;</li>
 *   <li>no lock is left behind: a final {@code Database.open} works.</li>
 * </ol>
 * The seed is in every failure message ({@code -Dreliability.seed=N} repeats the kill moments;
 * the child's timing differs). Figures go to {@code target/reliability-figures.txt}; the last runs
 * are in docs/RELIABILITY.md section 14 (2026-12-02, a 2-core machine at load 7–12 from other
 * builds: 8 kills, 2 files re-published with 100 entries each, 100,020 entries in about 570 files,
 * test 100–125 s, the child JVMs 60–70 s of CPU).
 */
@Timeout(600)
class InboxOutboxCrashIT {
    private static final String NAME = "inbox outbox crash";
    static final int LINES = 100_000;
    static final int CHUNK = 500;
    static final int PER_FILE = 200;
    static final int SKUS = 10;
    private static final String FILE = "orders-100000.csv";
    private static final String BATCHES = "batches.csv";
    /** The receipts once both files are taken: one per chunk of the orders, one for the batches. */
    private static final int RECEIPTS = (LINES + CHUNK - 1) / CHUNK + 1;
    private static final Pattern PUBLISHED = Pattern.compile("events-(\\d{20})-(\\d{20})\\.jsonl");
    private static final Pattern REPUBLISHED = Pattern.compile("Re-publishing (events-\\d{20}-\\d{20}\\.jsonl)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    /** What the outbox held after each kill: name → SHA-256 of its bytes, and its file key (inode). */
    private final Map<String, String> publishedContent = new TreeMap<>();
    private final Map<String, Object> publishedKey = new HashMap<>();
    /** Names whose file key changed between two kills: re-published (the relay replaced them). */
    private final List<String> rewritten = new ArrayList<>();
    private long entriesRewritten;
    private int aimedAtRelay;
    /** Names the relay warned it re-published ("Re-publishing NAME"), from the child's output. */
    private final List<String> warnedRewritten = new ArrayList<>();

    @Test
    void killedAtRandomMomentsTheInboxTakesEveryLineOnceAndTheOutboxPublishesEveryEntryWithoutAGap() throws Exception {
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        String run = "seed " + seed;
        Random random = new Random(seed);
        int aimedKills = Integer.getInteger("reliability.kills", Figures.soak() ? 30 : 7);
        Path db = folder.resolve("data").resolve("desk");
        Path inbox = Files.createDirectories(folder.resolve("inbox"));
        Path outbox = folder.resolve("outbox");
        Files.createDirectories(db.getParent());
        long started = System.nanoTime();

        writeBatches(inbox.resolve(BATCHES));
        Map<String, String> lines = writeOrders(inbox.resolve(FILE)); // orderId -> sku|qty
        String sha256 = sha256(inbox.resolve(FILE));

        int kills = 0;
        int killedDuringStartUp = 0;
        int killedWhileChunksRan = 0;
        int partsLeft = 0;
        Duration childCpu = Duration.ZERO;
        List<String> eachKill = new ArrayList<>();
        boolean caughtUp = false;
        while (kills < aimedKills || !caughtUp) {
            assertThat(kills).as("kills before the file was taken and published (%s)", run).isLessThan(aimedKills + 5);
            Path logDir = Files.createDirectories(folder.resolve("logs-" + kills));
            Process child = kills % 4 == 2 && kills < aimedKills
                    ? childJvm(logDir, db, inbox, outbox, Desk.SLOW_PROGRESS) : childJvm(logDir, db, inbox, outbox);
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            String moment;
            try {
                Thread reader = readLines(child.getInputStream(), out);
                moment = awaitMoment(kills, aimedKills, child, out, logDir, outbox, random, run);
                assertThat(child.isAlive()).as("the child ended by itself (%s): %s", run, Files.readString(logDir.resolve("child.err")))
                        .isTrue();
                childCpu = childCpu.plus(child.toHandle().info().totalCpuDuration().orElse(Duration.ZERO));
                // SIGKILL through the process handle, so our end of its stdout stays open to be read to its end
                child.toHandle().destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child ended after SIGKILL (%s)", run).isTrue();
                reader.join(10_000);
            } finally {
                child.toHandle().destroyForcibly(); // also when the test failed before the kill
            }
            kills++;
            List<String> said = List.copyOf(out);
            if (!said.contains("READY")) {
                killedDuringStartUp++;
            }
            List<Integer> receipts = receiptCounts(said);
            if (receipts.size() > 1) {
                killedWhileChunksRan++;
            }
            assertThat(said).as("what the child said before kill %d (%s)", kills, run)
                    .noneMatch(line -> line.startsWith("ERROR") || line.startsWith("PROBLEM") || line.startsWith("INBOX FAILED"));
            warnedRewritten.addAll(republished(said));
            caughtUp = !Files.exists(inbox.resolve(FILE)) && said.stream().anyMatch(line -> line.startsWith("IDLE "));
            int rewrittenBefore = rewritten.size();
            int parts = snapshotOutbox(outbox, run + ", after kill " + kills);
            partsLeft += parts;
            eachKill.add(moment + (receipts.isEmpty() ? "" : ", receipts " + receipts.get(0) + "→" + receipts.get(receipts.size() - 1))
                    + (rewritten.size() > rewrittenBefore ? ", " + (rewritten.size() - rewrittenBefore) + " re-published" : "")
                    + (parts > 0 ? ", a .part left" : ""));
        }
        long killedMillis = millisSince(started);

        // the final clean run: nothing left to take, the relay finds nothing new (or re-publishes the
        // file the last kill left without progress); it closes the database and exits 0
        Path logDir = Files.createDirectories(folder.resolve("logs-final"));
        Process last = childJvm(logDir, db, inbox, outbox, "finish");
        List<String> said;
        try {
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            Thread reader = readLines(last.getInputStream(), out);
            assertThat(last.waitFor(60, TimeUnit.SECONDS)).as("the final run finished (%s)", run).isTrue();
            reader.join(10_000);
            said = List.copyOf(out);
        } finally {
            childCpu = childCpu.plus(last.toHandle().info().totalCpuDuration().orElse(Duration.ZERO));
            last.toHandle().destroyForcibly();
            last.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(last.exitValue()).as("the final run's exit code (%s): %s", run, Files.readString(logDir.resolve("child.err")))
                .isZero();
        assertThat(said).as("the final run (%s)", run).anyMatch(line -> line.startsWith("CLEAN "))
                .noneMatch(line -> line.startsWith("ERROR") || line.startsWith("PROBLEM") || line.startsWith("INBOX FAILED"));
        warnedRewritten.addAll(republished(said));
        snapshotOutbox(outbox, run + ", after the final run");
        long finalMillis = millisSince(started);
        assertThat(inbox.resolve(Inbox.PROCESSED).resolve(FILE)).as("the file in processed/ (%s)", run).exists();
        assertThat(inbox.resolve(Inbox.PROCESSED).resolve(BATCHES)).as("the batches in processed/ (%s)", run).exists();
        assertThat(inbox.resolve(FILE)).as("the file left the inbox (%s)", run).doesNotExist();
        assertThat(inbox.resolve(Inbox.FAILED)).as("nothing failed (%s)", run).doesNotExist();

        long published;
        long waiting;
        try (Database database = Database.open(db)) { // 4. no lock left behind
            DataSource ds = database.dataSource();
            waiting = checkLinesPlacedOnce(ds, lines, run);
            checkReceiptsAndLedger(ds, lines, sha256, run);
            published = checkOutbox(ds, outbox, run);
        }
        List<String> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(db.getParent(), "desk.import-*.tmp")) {
            files.forEach(f -> leftovers.add(f.getFileName().toString()));
        }

        Figures.report(NAME, "kills (SIGKILL)", kills + " (" + killedDuringStartUp + " before the child was ready, "
                + killedWhileChunksRan + " after chunks were committed in that run; " + run + ")");
        Figures.report(NAME, "each kill", eachKill);
        Figures.report(NAME, "kills aimed right after a rename into the outbox / kills that left a .part", aimedAtRelay + " / " + partsLeft);
        Figures.report(NAME, "order lines placed once / in the file / waiting", LINES + " / " + LINES + " / " + waiting);
        Figures.report(NAME, "entries published (ids 1..max, no gap)", published);
        Figures.report(NAME, "files in the outbox", publishedContent.size());
        Figures.report(NAME, "files re-published after a kill (same name, same bytes) / their entries",
                rewritten.size() + " / " + entriesRewritten + " " + rewritten);
        Figures.report(NAME, "scratch copies left beside the database", leftovers.size() + " " + leftovers);
        Figures.report(NAME, "time: kill rounds / final run / checks (s)", killedMillis / 1000.0 + " / "
                + (finalMillis - killedMillis) / 1000.0 + " / " + (millisSince(started) - finalMillis) / 1000.0);
        Figures.report(NAME, "CPU of the child JVMs (s)", childCpu.toMillis() / 1000.0);
        // the relay warns before it rewrites: a kill during the rewrite (a .part left) means it warns again next time
        assertThat(rewritten).as("files re-published (replaced in the folder), each once (%s)", run).doesNotHaveDuplicates()
                .as("files re-published (replaced in the folder) are those the relay said it re-published (%s)", run)
                .containsExactlyInAnyOrderElementsOf(new TreeSet<>(warnedRewritten));
    }

    /**
     * Waits for the moment of kill number {@code kill}: the last round once the work is done;
     * otherwise, in turn, while chunks are committed, during start-up, right after the relay renamed
     * a file, and at a random time after the child is ready. Returns the moment, in words.
     */
    private String awaitMoment(int kill, int aimedKills, Process child, List<String> out, Path logDir, Path outbox,
                               Random random, String run) throws Exception {
        if (kill >= aimedKills) { // the last round: the work done, killed while idle (or when it took too long)
            awaitReady(child, out, logDir, run);
            awaitIdle(child, out, 120);
            int delay = random.nextInt(300);
            Thread.sleep(delay);
            return delay + " ms after idle";
        }
        switch (kill % 4) {
            case 1 -> { // during start-up, while the log of the last crash may be replayed
                int delay = random.nextInt(2500);
                Thread.sleep(delay);
                return delay + " ms after start";
            }
            case 2 -> { // the relay renamed a short file into place, its progress is not stored yet, and the inbox
                // has committed another chunk since: at the restart there are entries after that file's range
                awaitReady(child, out, logDir, run);
                String where = awaitSomewhereInTheFile(child, out, kill, aimedKills, random);
                aimedAtRelay++;
                boolean renamed = awaitRename(child, outbox, out);
                boolean chunkAfter = renamed && awaitNextChunk(child, out, 1500);
                int delay = random.nextInt(20);
                Thread.sleep(delay);
                return where + ", then " + delay + " ms after "
                        + (!renamed ? "idle (no file left)" : chunkAfter
                        ? "a short file appeared in the outbox and a chunk was committed" : "a short file appeared in the outbox");
            }
            case 3 -> { // while the file is checked again, or its first chunks
                awaitReady(child, out, logDir, run);
                int delay = random.nextInt(3000);
                Thread.sleep(delay);
                return delay + " ms after ready";
            }
            default -> { // while chunks are committed and published
                awaitReady(child, out, logDir, run);
                String where = awaitSomewhereInTheFile(child, out, kill, aimedKills, random);
                int delay = random.nextInt(300);
                Thread.sleep(delay);
                return where + ", then " + delay + " ms";
            }
        }
    }

    /**
     * Waits until the inbox has committed a random number of chunks in this run, so that the kills
     * are spread over the whole file whatever the machine's speed: up to twice an equal share of
     * what is left for each kill to come (the other rounds take some chunks too). Returns where, in
     * words.
     */
    private static String awaitSomewhereInTheFile(Process child, List<String> out, int kill, int aimedKills, Random random)
            throws InterruptedException {
        if (!awaitChunks(child, out)) {
            return "ready (no chunk left)";
        }
        List<Integer> counts = receiptCounts(out);
        int now = counts.get(counts.size() - 1);
        int left = Math.max(0, RECEIPTS - now);
        int roundsLeft = Math.max(1, aimedKills - kill);
        int target = now + random.nextInt(Math.max(1, 2 * left / roundsLeft));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && child.isAlive() && last(receiptCounts(out)) < Math.min(target, RECEIPTS)) {
            Thread.sleep(2);
        }
        return "receipt " + last(receiptCounts(out)) + " (aimed at " + target + ")";
    }

    private static int last(List<Integer> counts) {
        return counts.isEmpty() ? 0 : counts.get(counts.size() - 1);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static Process childJvm(Path logDir, Path db, Path inbox, Path outbox, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of(db.toString(), inbox.toString(), outbox.toString()));
        args.addAll(List.of(more));
        return ChildJvm.builder(Desk.class, List.of("-Xmx512m", "-Dallocationdesk.logdir=" + logDir), args.toArray(String[]::new))
                .redirectError(logDir.resolve("child.err").toFile())
                .start();
    }

    /** The files the relay said it re-published ({@code Re-publishing NAME}, a warning on the child's console). */
    private static List<String> republished(List<String> said) {
        List<String> names = new ArrayList<>();
        for (String line : said) {
            Matcher m = REPUBLISHED.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The receipt counts the child reported ({@code RECEIPTS n}), in order. */
    private static List<Integer> receiptCounts(List<String> said) {
        List<Integer> counts = new ArrayList<>();
        for (String line : List.copyOf(said)) {
            if (line.startsWith("RECEIPTS ")) {
                counts.add(Integer.parseInt(line.substring("RECEIPTS ".length())));
            }
        }
        return counts;
    }

    /**
     * Waits (at most 60 s) until the child reports a chunk committed in this run; false when the
     * file was all taken already (the child went idle first).
     */
    private static boolean awaitChunks(Process child, List<String> out) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (receiptCounts(out).size() > 1) {
                return true;
            }
            if (List.copyOf(out).stream().anyMatch(line -> line.startsWith("IDLE "))) {
                return false;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /**
     * Waits (at most 60 s) until a new {@code events-*.jsonl} of fewer than {@value #PER_FILE}
     * entries appears in the outbox (the relay has just renamed it into place; its progress is
     * stored 2 s later, {@link Desk.SlowProgress}); false when the child went idle first.
     */
    private static boolean awaitRename(Process child, Path outbox, List<String> out) throws Exception {
        Files.createDirectories(outbox);
        try (WatchService watcher = outbox.getFileSystem().newWatchService()) {
            outbox.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && child.isAlive()) {
                WatchKey key = watcher.poll(5, TimeUnit.MILLISECONDS);
                if (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        Matcher m = event.context() instanceof Path name ? PUBLISHED.matcher(name.toString()) : null;
                        if (m != null && m.matches() && Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1 < PER_FILE) {
                            return true;
                        }
                    }
                    key.reset();
                }
                if (List.copyOf(out).stream().anyMatch(line -> line.startsWith("IDLE "))) {
                    return false;
                }
            }
            return false;
        }
    }

    /** Waits (at most {@code millis}) until the child reports one more receipt than now; false if it did not. */
    private static boolean awaitNextChunk(Process child, List<String> out, long millis) throws InterruptedException {
        List<Integer> now = receiptCounts(out);
        int from = now.isEmpty() ? -1 : now.get(now.size() - 1);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline && child.isAlive()) {
            List<Integer> counts = receiptCounts(out);
            if (!counts.isEmpty() && counts.get(counts.size() - 1) > from) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
    }

    /** Waits (at most {@code seconds}) until the child says it is idle: the inbox empty and the relay caught up. */
    private static void awaitIdle(Process child, List<String> out, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (List.copyOf(out).stream().anyMatch(line -> line.startsWith("IDLE "))) {
                return;
            }
            Thread.sleep(5);
        }
    }

    // ----------------------------------------------------------------------------------------- setup

    /**
     * The batches, as a file in the inbox that sorts before the orders (taken first, in the same
     * pass): two per SKU, a warehouse one and a shipment. Each SKU's lines ask for about 20,000
     * units: SKU-8 (19,400 in stock) and SKU-9 (18,000) run short near the end of the file, so
     * some of their last lines wait.
     */
    private static void writeBatches(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("ref,sku,qty,eta\n");
        for (int s = 0; s < SKUS; s++) {
            int warehouse = s < 8 ? 15_000 : s == 8 ? 12_000 : 11_000;
            int ship = s < 8 ? 10_000 : s == 8 ? 7_400 : 7_000;
            csv.append("B").append(s).append("-warehouse,").append(sku(s)).append(',').append(warehouse).append(",\n");
            csv.append("B").append(s).append("-ship,").append(sku(s)).append(',').append(ship).append(",2027-03-01\n");
        }
        Path part = file.resolveSibling("." + file.getFileName() + ".part");
        Files.writeString(part, csv, StandardCharsets.UTF_8);
        Files.move(part, file);
    }

    private static String sku(int s) {
        return "SKU-" + s;
    }

    /** The order file: line i is order {@code o<i>}, SKU {@code i % 10}, quantity 1 + i % 3 (about 20,000 units per SKU). */
    private static Map<String, String> writeOrders(Path file) throws IOException {
        Map<String, String> lines = new HashMap<>(LINES * 2);
        Path part = file.resolveSibling("." + file.getFileName() + ".part");
        try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            out.write("orderid,sku,qty\n");
            for (int i = 0; i < LINES; i++) {
                String order = "o" + i;
                String sku = sku(i % SKUS);
                int qty = 1 + i % 3;
                out.write(order + "," + sku + "," + qty + "\n");
                lines.put(order, sku + "|" + qty);
            }
        }
        Files.move(part, file);
        return lines;
    }

    // ---------------------------------------------------------------------------------------- checks

    /** 1. Allocations + waiting lines = the lines of the file, each once; no batch over its stock. */
    private static long checkLinesPlacedOnce(DataSource db, Map<String, String> lines, String run) {
        Map<String, String> placed = new HashMap<>(LINES * 2);
        List<String> doubled = new ArrayList<>();
        for (List<Object> row : Tables.rows(db, "SELECT order_id, sku, quantity FROM allocations"
                + " UNION ALL SELECT order_id, sku, quantity FROM waiting_lines")) {
            String key = (String) row.get(0);
            if (placed.put(key, row.get(1) + "|" + ((Number) row.get(2)).intValue()) != null) {
                doubled.add(key);
            }
        }
        assertThat(doubled).as("order lines placed twice (%s)", run).isEmpty();
        assertThat(placed).as("the lines placed are those of the file (%s)", run).hasSize(LINES).isEqualTo(lines);
        assertThat(Tables.rows(db, """
                SELECT b.reference FROM batches b LEFT JOIN allocations a ON a.batch_reference = b.reference
                GROUP BY b.reference, b.purchased_quantity, b.allocated_quantity
                HAVING COALESCE(SUM(a.quantity), 0) > b.purchased_quantity OR COALESCE(SUM(a.quantity), 0) <> b.allocated_quantity"""))
                .as("batches over-allocated, or whose allocated quantity is not the sum of their lines (%s)", run).isEmpty();
        assertThat(Tables.number(db, "SELECT COUNT(*) FROM waiting_lines w WHERE EXISTS (SELECT 1 FROM batches b"
                + " WHERE b.sku = w.sku AND b.purchased_quantity - b.allocated_quantity >= w.quantity)"))
                .as("lines waiting beside stock they fit (%s)", run).isZero();
        long waiting = Tables.number(db, "SELECT COUNT(*) FROM waiting_lines");
        assertThat(waiting).as("lines waiting (%s): two SKUs are short", run).isPositive();
        assertThat(LogReplay.of(db)).as("the ledger replayed from 1 (%s)", run).isEqualTo(LogReplay.writeModel(db));
        return waiting;
    }

    /** 2. One receipt per chunk, the last marked; one placing entry per order of the file, nothing else. */
    private static void checkReceiptsAndLedger(DataSource db, Map<String, String> lines, String sha256, String run) {
        int chunks = (LINES + CHUNK - 1) / CHUNK;
        List<List<Object>> receipts = Tables.rows(db, "SELECT chunk, commands, last_chunk, file_name FROM inbox_receipts"
                + " WHERE content_hash = '" + sha256 + "' ORDER BY chunk");
        assertThat(receipts).as("receipts of the file (%s)", run).hasSize(chunks);
        for (int i = 0; i < chunks; i++) {
            List<Object> receipt = receipts.get(i);
            // a CSV chunk is one command (AllocateLines of its 500 lines)
            assertThat(receipt).as("receipt of chunk %d (%s)", i, run).containsExactly(i, 1, i == chunks - 1, FILE);
        }
        assertThat(Tables.rows(db, "SELECT file_name, chunk, last_chunk FROM inbox_receipts WHERE content_hash <> '" + sha256 + "'"))
                .as("the other receipts: the batches file's one chunk (%s)", run).containsExactly(List.of(BATCHES, 0, true));

        Map<String, Integer> placing = new HashMap<>(LINES * 2);
        Map<String, Integer> other = new TreeMap<>();
        for (List<Object> row : Tables.rows(db, "SELECT order_id, type FROM event_log WHERE order_id IS NOT NULL")) {
            String type = (String) row.get(1);
            if (type.equals("line.allocated") || type.equals("line.waiting")) {
                placing.merge((String) row.get(0), 1, Integer::sum);
            } else {
                other.merge(type, 1, Integer::sum);
            }
        }
        assertThat(placing.keySet()).as("orders with a placing entry (%s)", run).isEqualTo(lines.keySet());
        Map<String, Integer> notOnce = new TreeMap<>();
        placing.forEach((order, n) -> {
            if (n != 1) {
                notOnce.put(order, n);
            }
        });
        assertThat(notOnce).as("orders with more than one line.allocated/line.waiting entry (%s)", run).isEmpty();
        assertThat(other).as("other entries about the orders (%s)", run).isEmpty();
    }

    /** 3. The outbox: contiguous ranges from 1, each line the entry as the desk writes it, no .part; returns max seq. */
    private long checkOutbox(DataSource db, Path outbox, String run) throws IOException {
        long max = Tables.number(db, "SELECT COALESCE(MAX(seq), 0) FROM event_log");
        assertThat(Tables.number(db, "SELECT COUNT(*) FROM event_log")).as("event_log has no gap (%s)", run).isEqualTo(max);
        assertThat(Tables.number(db, "SELECT last_seq FROM outbox_progress WHERE name = '" + OutboxRelay.NAME + "'"))
                .as("the relay's stored progress (%s)", run).isEqualTo(max);
        List<String> names = new ArrayList<>();
        List<String> strays = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(outbox)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (PUBLISHED.matcher(name).matches()) {
                    names.add(name);
                } else {
                    strays.add(name);
                }
            }
        }
        assertThat(strays).as("files in the outbox other than events-*.jsonl (a .part left behind) (%s)", run).isEmpty();
        Collections.sort(names);
        assertThat(names).as("every file seen after a kill is still there, none other (%s)", run)
                .containsExactlyElementsOf(publishedContent.keySet());
        List<LogEntryRow> entries = new EventLogQuery(db).after(0, (int) max);
        assertThat(entries).as("the ledger read back (%s)", run).hasSize((int) max);
        long expected = 1;
        for (String name : names) {
            Matcher m = PUBLISHED.matcher(name);
            assertThat(m.matches()).isTrue();
            long first = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            assertThat(first).as("%s starts right after the file before it (%s)", name, run).isEqualTo(expected);
            assertThat(last - first + 1).as("entries in %s (%s)", name, run).isBetween(1L, (long) PER_FILE);
            List<String> fileLines = Files.readAllLines(outbox.resolve(name), StandardCharsets.UTF_8);
            assertThat(fileLines).as("lines of %s (%s)", name, run).hasSize((int) (last - first + 1));
            for (int i = 0; i < fileLines.size(); i++) {
                long seq = first + i;
                JsonNode entry = JSON.readTree(fileLines.get(i));
                assertThat(entry.get("seq").asLong()).as("seq of line %d of %s (%s)", i + 1, name, run).isEqualTo(seq);
                assertThat(fileLines.get(i)).as("line %d of %s is entry %d as the desk writes it (%s)", i + 1, name, seq, run)
                        .isEqualTo(LogEntryJson.line(entries.get((int) seq - 1)));
            }
            expected = last + 1;
        }
        assertThat(expected - 1).as("the last id published is the last seq of event_log (%s)", run).isEqualTo(max);
        return max;
    }

    /**
     * Reads the outbox after a kill: every name seen before must hold the same bytes (a re-publish
     * writes the same range again); a name whose file key (inode) changed was re-published.
     */
    private int snapshotOutbox(Path outbox, String when) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        int parts = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(outbox, ".events-*.jsonl.part")) {
            for (Path ignored : files) {
                parts++;
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(outbox, "events-*.jsonl")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher m = PUBLISHED.matcher(name);
                if (!m.matches()) {
                    continue;
                }
                Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
                String content = sha256(file);
                String before = publishedContent.put(name, content);
                Object keyBefore = publishedKey.put(name, key);
                if (before != null) {
                    assertThat(content).as("%s, seen before with other bytes (%s)", name, when).isEqualTo(before);
                    if (!Objects.equals(key, keyBefore)) {
                        rewritten.add(name);
                        entriesRewritten += Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1;
                    }
                }
            }
        }
        return parts;
    }

    // --------------------------------------------------------------------------------------- helpers

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Thread readLines(InputStream from, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void awaitReady(Process child, List<String> lines, Path logDir, String run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!lines.contains("READY")) {
            if (!child.isAlive()) {
                throw new AssertionError("the child died before it was ready (" + run + "): "
                        + Files.readString(logDir.resolve("child.err")));
            }
            assertThat(System.nanoTime()).as("the child never got ready (%s)", run).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /**
     * The child: the desk with its inbox and its outbox running at once, on two threads, until
     * killed. Arguments: database path, inbox folder, outbox folder, and {@code finish} for the
     * final clean run, which stops once the inbox is empty and the relay has caught up, closes the
     * database and exits 0. It says on stdout {@code READY}, each file the inbox dealt with
     * ({@code INBOX OUTCOME NAME | MESSAGE}), each pass that published ({@code PUBLISHED FILES
     * ENTRIES LAST}), {@code IDLE LAST} once the inbox is empty and a relay pass after that found
     * nothing new, {@code CLEAN LAST} after the clean close, and {@code ERROR …} when a thread failed.
     */
    public static final class Desk {
        private static final Logger log = LoggerFactory.getLogger(Desk.class);
        private static final PrintStream OUT = System.out;
        /** The flag for a relay whose progress is stored 2 s after the rename of a short file ({@link SlowProgress}). */
        static final String SLOW_PROGRESS = "slow-progress";

        private Desk() {
        }

        public static void main(String[] args) throws InterruptedException {
            Path db = Path.of(args[0]);
            Path inboxFolder = Path.of(args[1]);
            Path outboxFolder = Path.of(args[2]);
            List<String> flags = List.of(args).subList(3, args.length);
            boolean finish = flags.contains("finish");
            Bootstrap app = AllocationDeskCommand.start(new AppConfig(db, true, 0, false));
            Inbox inbox = app.get(Inbox.class);
            OutboxRelay relay = flags.contains(SLOW_PROGRESS)
                    ? new OutboxRelay(app.get(EventLogQuery.class), new SlowProgress(new JdbcOutboxProgress(app.get(Store.class))))
                    : app.get(OutboxRelay.class);
            say("READY");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean inboxEmpty = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long[] lastSeq = {0};
            Thread taking = new Thread(() -> {
                while (!stop.get()) {
                    Inbox.Pass pass = inbox.takePending(inboxFolder, Duration.ZERO, CHUNK, stop::get);
                    for (Inbox.FileResult file : pass.files()) {
                        say("INBOX " + file.outcome() + " " + file.name() + " | " + file.message());
                    }
                    pass.problem().ifPresent(problem -> say("PROBLEM " + problem));
                    if (pass.files().isEmpty() && pass.notYet().isEmpty() && pass.problem().isEmpty()) {
                        inboxEmpty.set(true);
                    }
                    pause(20);
                }
            }, "inbox");
            Thread publishing = new Thread(() -> {
                boolean idle = false;
                while (!stop.get()) {
                    boolean inboxWasEmpty = inboxEmpty.get();
                    OutboxRelay.Published published = relay.publishPending(outboxFolder, PER_FILE, stop::get);
                    lastSeq[0] = published.lastSeq();
                    if (published.files() > 0) {
                        say("PUBLISHED " + published.files() + " " + published.entries() + " " + published.lastSeq());
                    }
                    if (inboxWasEmpty && published.entries() == 0 && !idle) {
                        idle = true;
                        say("IDLE " + published.lastSeq());
                        if (finish) {
                            stop.set(true);
                        }
                    }
                    pause(20);
                }
            }, "outbox");
            DataSource dataSource = app.get(DataSource.class);
            Thread watching = new Thread(() -> {
                long seen = -1;
                while (!stop.get()) {
                    long receipts = Tables.number(dataSource, "SELECT COUNT(*) FROM inbox_receipts");
                    if (receipts != seen) {
                        say("RECEIPTS " + receipts);
                        seen = receipts;
                    }
                    pause(20);
                }
            }, "watch");
            Thread.UncaughtExceptionHandler failed = (thread, e) -> {
                log.error("The {} thread failed", thread.getName(), e);
                say("ERROR " + thread.getName() + ": " + e);
                failure.compareAndSet(null, e);
                stop.set(true);
            };
            taking.setUncaughtExceptionHandler(failed);
            publishing.setUncaughtExceptionHandler(failed);
            watching.setUncaughtExceptionHandler(failed);
            watching.start();
            taking.start();
            publishing.start();
            taking.join();
            publishing.join();
            watching.join();
            app.close();
            if (failure.get() != null) {
                System.exit(1);
            }
            say("CLEAN " + lastSeq[0]);
            System.exit(0);
        }

        /**
         * The real progress store, 2 s slower after a file of fewer than {@value #PER_FILE}
         * entries (the relay had caught up with the ledger): the moment between that rename and its
         * progress, while the inbox commits more entries, is long enough for the parent to kill in.
         * A relay that did not rewrite exactly that range after the crash would then publish a
         * longer file starting at the same id.
         */
        private static final class SlowProgress implements OutboxProgress {
            private final OutboxProgress progress;
            private long previous = -1;

            SlowProgress(OutboxProgress progress) {
                this.progress = progress;
            }

            @Override
            public long lastSeq(String name) {
                previous = progress.lastSeq(name);
                return previous;
            }

            @Override
            public void store(String name, long lastSeq) {
                if (lastSeq - previous < PER_FILE) {
                    pause(2000);
                }
                progress.store(name, lastSeq);
                previous = lastSeq;
            }
        }

        private static void say(String line) {
            synchronized (OUT) {
                OUT.println(line);
                OUT.flush();
            }
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

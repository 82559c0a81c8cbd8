package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.domain.commands.RebuildReadModel;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash durability (issue 6, reliability 1). A child JVM ({@link AllocationStreamer}) streams
 * allocations and batch changes into a real file database and prints each acknowledged one; we
 * {@code kill -9} it at a random moment (a quarter of the time during its start-up, while it may be
 * replaying the log of the previous crash; half of the time inside a cascade: 0–15 ms after the
 * child announced a change that cuts a batch to 0–50, which gives back most of its lines to be
 * reallocated), reopen the database and check:
 * <ul>
 *   <li>the reopen succeeds, every time;</li>
 *   <li>every acknowledged order line is there, exactly once, with its quantity (lost = 0), and
 *       nothing is there that was never sent;</li>
 *   <li>every batch quantity is the last acknowledged one (or the one in flight at the kill);</li>
 *   <li>no batch is over-allocated, and the read tables equal a fresh {@code RebuildReadModel};</li>
 *   <li>no line waits while a batch of its SKU has enough available for it (the write-model
 *       tables, before anything else runs on them): a crash in the middle of a cascade must not
 *       strand lines beside free stock (issue 10, item 7).</li>
 * </ul>
 * 20 kills in {@code verify}, 50 with {@code -Psoak}.
 */
@Timeout(900)
class CrashDurabilityIT {
    private static final String NAME = "crash durability";

    @TempDir
    Path folder;

    private final Map<String, String> ackedLines = new HashMap<>();   // orderId|sku -> qty
    private final Set<String> sentLines = new HashSet<>();            // orderId|sku|qty
    private final Map<String, Set<Integer>> allowedQuantity = new HashMap<>();

    @Test
    void killedAtRandomMomentsItLosesNoAcknowledgedAllocationAndAlwaysReopensConsistent() throws Exception {
        int kills = Figures.soak() ? 50 : 20;
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        Path path = folder.resolve("data").resolve("desk");
        Files.createDirectories(path.getParent());
        int acknowledged = 0;
        int killedDuringStartUp = 0;
        List<Long> reopenMillis = new ArrayList<>();
        List<String> eachReopen = new ArrayList<>();
        int lost = 0;
        int aimedAtCascades = 0;
        int killedInsideCascades = 0;
        int stranded = 0;
        List<String> strandedAfter = new ArrayList<>();

        for (int cycle = 0; cycle < kills; cycle++) {
            Path logDir = Files.createDirectories(folder.resolve("logs-" + cycle));
            Process child = ChildJvm.start(AllocationStreamer.class, logDir, path.toString(), Integer.toString(cycle));
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            Thread reader = readLines(child, lines);
            boolean duringStartUp = cycle % 4 == 3;
            boolean aimAtCascade = cycle % 2 == 0;
            if (duringStartUp) {
                Thread.sleep(random.nextInt(2500));
            } else if (aimAtCascade) {
                awaitReady(child, lines, logDir);
                Thread.sleep(random.nextInt(300));
                awaitCut(child, lines);
                Thread.sleep(random.nextInt(16));
                aimedAtCascades++;
            } else {
                awaitReady(child, lines, logDir);
                Thread.sleep(50 + random.nextInt(950));
            }
            if (!lines.contains("READY")) {
                killedDuringStartUp++;
            }
            // SIGKILL through the process handle: Process.destroyForcibly() would also close our end
            // of the child's stdout, dropping the SEND/ACK lines still in the pipe (a line the child
            // had sent, and committed, then looked "never sent").
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            assertThat(reader.isAlive()).as("the child's output was read to its end").isFalse();
            acknowledged += record(lines);
            if (cutInFlight(lines)) {
                killedInsideCascades++;
            }

            long start = System.nanoTime();
            try (Database database = Database.open(path)) { // must succeed every time
                long millis = (System.nanoTime() - start) / 1_000_000;
                reopenMillis.add(millis);
                eachReopen.add(millis + (lines.contains("READY") ? "" : "*"));
                int beside = strandedLines(database.dataSource());
                stranded += beside;
                if (beside > 0) {
                    strandedAfter.add("kill " + cycle + ": " + beside);
                }
                lost += check(database, cycle);
            }
        }
        Figures.report(NAME, "reopen ms, in order (* = killed before the child was ready)", eachReopen);
        Collections.sort(reopenMillis);
        Figures.report(NAME, "kills (SIGKILL)", kills + " (" + killedDuringStartUp + " before the child was ready; seed " + seed + ")");
        Figures.report(NAME, "acknowledged commands", acknowledged);
        Figures.report(NAME, "acknowledged order lines lost", lost);
        Figures.report(NAME, "reopens succeeded", kills + " of " + kills);
        Figures.report(NAME, "reopen ms min/median/max", reopenMillis.get(0) + " / "
                + reopenMillis.get(reopenMillis.size() / 2) + " / " + reopenMillis.get(reopenMillis.size() - 1));
        Figures.report(NAME, "read tables equal to a rebuild after each reopen", kills + " of " + kills);
        Figures.report(NAME, "kills aimed at a cascade / killed with a batch cut in flight",
                aimedAtCascades + " / " + killedInsideCascades);
        Figures.report(NAME, "lines left waiting beside free stock, summed over the reopens", stranded
                + (strandedAfter.isEmpty() ? "" : " " + strandedAfter));
        assertThat(lost).isZero();
        assertThat(strandedAfter).as("reopens that found a line waiting beside stock it fits").isEmpty();
        assertThat(acknowledged).as("the child acknowledged commands between kills").isPositive();
    }

    /** Reads what the child printed up to the kill; returns the number of acknowledgements. */
    private int record(List<String> lines) {
        int acks = 0;
        Map<String, Integer> inFlightQuantity = new HashMap<>();
        for (String line : List.copyOf(lines)) {
            String[] f = line.split(" ");
            if (f.length < 4) {
                continue; // READY, or a line cut short by the kill
            }
            if (line.startsWith("SEND LINE ") && f.length >= 5) {
                sentLines.add(f[2] + "|" + f[3] + "|" + f[4]);
            } else if (line.startsWith("ACK LINE ") && f.length >= 6) {
                ackedLines.put(f[2] + "|" + f[3], f[4]);
                acks++;
            } else if (line.startsWith("SEND QTY ")) {
                inFlightQuantity.put(f[2], Integer.parseInt(f[3]));
            } else if (line.startsWith("ACK QTY ")) {
                allowedQuantity.put(f[2], new HashSet<>(Set.of(Integer.parseInt(f[3]))));
                inFlightQuantity.remove(f[2]);
                acks++;
            }
        }
        // a change sent but not acknowledged may or may not have committed; before the first
        // acknowledged change the batch may still have the quantity it was created with
        inFlightQuantity.forEach((reference, quantity) -> allowedQuantity.computeIfAbsent(reference,
                r -> new HashSet<>(Set.of(AllocationStreamer.createdQuantity(r)))).add(quantity));
        return acks;
    }

    /** Returns how many acknowledged lines are missing; asserts everything else. */
    private int check(Database database, int cycle) {
        DataSource db = database.dataSource();
        List<List<List<Object>>> projected = Tables.readTables(db);
        HandlerRegistry.bus(Stores.unitsOfWork(database), new FakeNotifications(), Clock.systemUTC()).build()
                .handle(new RebuildReadModel());
        assertThat(Tables.readTables(db)).as("read tables after reopen %d equal a fresh rebuild", cycle).isEqualTo(projected);

        // the read tables now provably mirror the write model; read the lines from them
        Map<String, List<String>> present = new HashMap<>();
        for (List<Object> row : Tables.rows(db, "SELECT order_id, sku, quantity FROM read_allocations"
                + " UNION ALL SELECT order_id, sku, quantity FROM read_waiting")) {
            present.computeIfAbsent(row.get(0) + "|" + row.get(1), k -> new ArrayList<>()).add(String.valueOf(row.get(2)));
        }
        int lost = 0;
        for (Map.Entry<String, String> acked : ackedLines.entrySet()) {
            List<String> found = present.get(acked.getKey());
            if (found == null) {
                lost++;
            } else {
                assertThat(found).as("line %s after reopen %d", acked.getKey(), cycle).containsExactly(acked.getValue());
            }
        }
        for (Map.Entry<String, List<String>> line : present.entrySet()) {
            assertThat(line.getValue()).as("line %s stored once", line.getKey()).hasSize(1);
            assertThat(sentLines).as("a stored line was sent").contains(line.getKey() + "|" + line.getValue().get(0));
        }
        // the ledger: replayed from sequence 1 it is the write model, line for line and batch for batch;
        // every acknowledged line is in it, and a line that never committed has no entry at all
        LogReplay replayed = LogReplay.of(db);
        assertThat(replayed).as("the event log replayed from 1, after reopen %d", cycle).isEqualTo(LogReplay.writeModel(db));
        for (String acked : ackedLines.keySet()) {
            assertThat(replayed.lines()).as("log entries of acknowledged line %s", acked).containsKey(acked);
        }
        for (String sent : sentLines) {
            String key = sent.substring(0, sent.lastIndexOf('|'));
            if (!present.containsKey(key)) {
                assertThat(Tables.number(db, "SELECT COUNT(*) FROM event_log WHERE order_id = '" + key.split("\\|")[0] + "'"))
                        .as("entries of line %s, which never committed", key).isZero();
            }
        }
        allowedQuantity.forEach((reference, allowed) -> assertThat(allowed)
                .as("quantity of %s after reopen %d", reference, cycle)
                .contains((int) Tables.number(db, "SELECT purchased FROM read_batches WHERE reference = '" + reference + "'")));
        assertThat(Tables.rows(db, """
                SELECT b.reference FROM read_batches b LEFT JOIN read_allocations a ON a.batch_reference = b.reference
                GROUP BY b.reference, b.purchased, b.allocated
                HAVING COALESCE(SUM(a.quantity), 0) > b.purchased OR COALESCE(SUM(a.quantity), 0) <> b.allocated"""))
                .as("over-allocated batches after reopen %d", cycle).isEmpty();
        return lost;
    }

    /**
     * Waiting lines that fit what one batch of their SKU still has available, read from the
     * write-model tables right after the reopen. The domain never leaves one behind; a cascade cut
     * short by the kill would.
     */
    private static int strandedLines(DataSource db) {
        return (int) Tables.number(db, "SELECT COUNT(*) FROM waiting_lines w WHERE EXISTS (SELECT 1 FROM batches b"
                + " WHERE b.sku = w.sku AND b.purchased_quantity - b.allocated_quantity >= w.quantity)");
    }

    /** Whether the child had announced a cut of a batch (to 0–50) and not acknowledged it when killed. */
    private static boolean cutInFlight(List<String> lines) {
        List<String> all = List.copyOf(lines);
        for (int i = all.size() - 1; i >= 0; i--) {
            String line = all.get(i);
            if (line.startsWith("ACK ")) {
                return false;
            }
            if (line.startsWith("SEND ")) {
                return isCut(line);
            }
        }
        return false;
    }

    private static boolean isCut(String line) {
        String[] f = line.split(" ");
        return line.startsWith("SEND QTY ") && f.length == 4 && Integer.parseInt(f[3]) <= 50;
    }

    /** Waits until the child announces its next cut of a batch (at most 20 s). */
    private static void awaitCut(Process child, List<String> lines) throws InterruptedException {
        int from = lines.size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && child.isAlive()) {
            List<String> all = List.copyOf(lines);
            for (int i = from; i < all.size(); i++) {
                if (isCut(all.get(i))) {
                    return;
                }
            }
            from = all.size();
            Thread.sleep(0, 200_000);
        }
    }

    private static Thread readLines(Process child, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
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

    private static void awaitReady(Process child, List<String> lines, Path logDir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!lines.contains("READY")) {
            if (!child.isAlive()) {
                throw new AssertionError("the child died before it was ready: "
                        + Files.readString(logDir.resolve("child.err")));
            }
            assertThat(System.nanoTime()).as("the child never got ready").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}

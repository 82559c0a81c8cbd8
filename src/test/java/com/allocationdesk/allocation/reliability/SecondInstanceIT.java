package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.Alone;
import com.allocationdesk.allocation.adapters.DatabaseHolder;
import com.allocationdesk.allocation.entrypoints.Main;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Second instance and stale locks (issue 6, reliability 5), as the planner meets them: a second
 * <em>command-line process</em> on a database another process holds ({@link DatabaseHolder},
 * shared with {@code adapters.LockingIT}) is told "already open" with exit code 4; after the holder
 * is killed with {@code kill -9}, the next command-line process opens the database and succeeds.
 * <p>
 * {@code LockingIT} asserts the database-level figures (refusal &lt; 2 s, reopen after kill -9 &lt;
 * 3 s, measured inside one JVM). Here the figures are end to end, JVM start-up included; they are
 * reported, and the bound asserted is the one on what the lock itself may add: the
 * refused process must not wait for HSQLDB's own ~10 s lock.
 */
@Timeout(300)
@Alone
class SecondInstanceIT {
    private static final String NAME = "second instance";

    @TempDir
    Path folder;

    @Test
    void aSecondProcessIsToldAtOnceAndAKilledHolderDoesNotLockThePlannerOut() throws Exception {
        Path path = folder.resolve("desk");
        Path ready = folder.resolve("ready");
        Process holder = ChildJvm.builder(DatabaseHolder.class, List.of(), path.toString(), ready.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("holder.out").toFile()).start();
        try {
            ChildJvm.awaitReady(holder, ready);
            Cli refused = cli(path, "batches");
            assertThat(refused.code).as(refused.err).isEqualTo(4);
            assertThat(refused.err).contains("already open").doesNotContain("\tat ");
            assertThat(refused.err.lines().count()).isEqualTo(1);

            Cli baseline = cli(folder.resolve("other"), "batches");
            assertThat(baseline.code).as(baseline.err).isZero();

            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Cli afterKill = cli(path, "batches", "--json");
            assertThat(afterKill.code).as(afterKill.err).isZero();
            assertThat(afterKill.out).contains("\"ref\":\"b1\"");

            Figures.report(NAME, "second CLI process told 'already open', launch to exit (JVM start included)",
                    refused.millis + " ms, exit " + refused.code + ": " + refused.err.strip());
            Figures.report(NAME, "same command on a free database, launch to exit (reference)", baseline.millis + " ms");
            Figures.report(NAME, "first CLI process after kill -9 of the holder, launch to output", afterKill.millis + " ms");
            // HSQLDB's own lock would have made these wait about 10 s more than the baseline
            assertThat(refused.millis).as("refused without waiting for a lock").isLessThan(baseline.millis + 2_000);
            assertThat(afterKill.millis).as("no stale-lock wait after kill -9").isLessThan(baseline.millis + 3_000);
        } finally {
            holder.destroyForcibly();
        }
    }

    private record Cli(int code, String out, String err, long millis) {
    }

    private Cli cli(Path db, String... args) throws Exception {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = db.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        long start = System.nanoTime();
        Process process = ChildJvm.builder(Main.class, List.of("-Dallocationdesk.logdir=" + folder.resolve("logs")), all)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Cli(process.exitValue(), Files.readString(out), Files.readString(err), millis);
    }
}

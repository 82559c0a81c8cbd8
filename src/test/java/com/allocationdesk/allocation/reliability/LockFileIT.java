package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli.Run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One writer, whatever happens to the lock file (issue 10): while a first process holds the
 * database and keeps writing, the lock file beside it is deleted, renamed, or replaced by another
 * file, and each time a second process (the command line, in this JVM) tries to write. Before the
 * fix, each of those writes was acknowledged and both processes' work was lost. The first process
 * is idle for one case (a window nobody types in: it does not re-take its lock) and busy for the
 * others.
 * <p>
 * Asserted: every second write is refused with "already open" (exit 4) and is not in the database;
 * every line the first process acknowledged is there after it was killed.
 */
@Timeout(300)
class LockFileIT {
    private static final String NAME = "lock file";

    @TempDir
    Path folder;

    @Test
    void aSecondProcessNeverWritesBesideTheFirstWhateverHappensToTheLockFile() throws Exception {
        Path db = folder.resolve("desk");
        Path lockFile = folder.resolve("desk.app.lock");
        Path ready = folder.resolve("ready");
        Path acks = folder.resolve("holder.out");
        Path pause = folder.resolve("pause");
        Process holder = ChildJvm.builder(WritingHolder.class, List.of("-Dallocationdesk.logdir=" + folder.resolve("logs")),
                        db.toString(), ready.toString(), pause.toString())
                .redirectOutput(acks.toFile()).redirectError(folder.resolve("holder.err").toFile()).start();
        Map<String, Run> attempts = new LinkedHashMap<>();
        try {
            ChildJvm.awaitReady(holder, ready);
            attempts.put("lock file untouched", InProcessCli.onDatabase(db, "add-batch", "second-0", "LAMP", "5"));

            // an idle holder (a window nobody types in) does not notice: only the guard stands
            Files.createFile(pause);
            Thread.sleep(100);
            Files.delete(lockFile);
            attempts.put("lock file deleted, holder idle", InProcessCli.onDatabase(db, "add-batch", "second-5", "LAMP", "5"));
            Files.delete(pause);
            Thread.sleep(200);

            Files.deleteIfExists(lockFile);
            attempts.put("lock file deleted", InProcessCli.onDatabase(db, "add-batch", "second-1", "LAMP", "5"));
            attempts.put("lock file deleted, again", InProcessCli.onDatabase(db, "allocate", "second-2", "LAMP", "1"));

            Thread.sleep(200); // the holder writes (and checks its lock) every 20 ms
            Files.move(lockFile, folder.resolve("desk.app.lock.old"), StandardCopyOption.ATOMIC_MOVE);
            attempts.put("lock file renamed", InProcessCli.onDatabase(db, "add-batch", "second-3", "LAMP", "5"));

            Thread.sleep(200);
            Path other = Files.writeString(folder.resolve("other.lock"), "");
            Files.move(other, lockFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            attempts.put("lock file replaced", InProcessCli.onDatabase(db, "add-batch", "second-4", "LAMP", "5"));

            Thread.sleep(200);
            assertThat(holder.isAlive()).as("the holder kept writing: %s", Files.readString(folder.resolve("holder.err")))
                    .isTrue();
        } finally {
            holder.toHandle().destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        Set<String> acknowledged = new TreeSet<>();
        Files.readAllLines(acks).stream().filter(l -> l.startsWith("ACK ")).forEach(l -> acknowledged.add(l.substring(4)));

        Set<String> lines = new TreeSet<>();
        Set<String> batches = new TreeSet<>();
        try (Database database = Database.open(db)) {
            Tables.rows(database.dataSource(), "SELECT order_id FROM allocations").forEach(r -> lines.add((String) r.get(0)));
            Tables.rows(database.dataSource(), "SELECT reference FROM batches").forEach(r -> batches.add((String) r.get(0)));
        }
        attempts.forEach((label, run) -> Figures.report(NAME, label + ": second process", "exit " + run.code() + ": " + run.err().strip()));
        Figures.report(NAME, "first process: lines acknowledged / present after kill -9", acknowledged.size() + " / "
                + acknowledged.stream().filter(lines::contains).count());
        attempts.forEach((label, run) -> {
            assertThat(run.code()).as("%s: %s", label, run.err()).isEqualTo(4);
            assertThat(run.err()).as(label).contains("already open").doesNotContain("\tat ");
        });
        assertThat(acknowledged).as("the holder wrote throughout").hasSizeGreaterThan(10);
        assertThat(lines).containsAll(acknowledged).noneMatch(l -> l.startsWith("second-"));
        assertThat(batches).containsExactly("b1");
    }
}

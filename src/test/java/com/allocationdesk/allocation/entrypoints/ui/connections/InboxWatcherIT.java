package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.imports.BatchImport;
import com.allocationdesk.allocation.entrypoints.inbox.Inbox;
import com.allocationdesk.allocation.entrypoints.ui.connections.ConnectionSettings.Choice;
import com.allocationdesk.allocation.queries.BatchesQuery;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's inbox over a real database and a real folder, without the window: it takes a file
 * dropped in the folder within a pass or two, tells the last file and the failed ones, tells a
 * folder it cannot read and carries on by itself, and stops.
 */
class InboxWatcherIT {
    private static final Instant NOW = Instant.parse("2026-03-02T09:15:42Z");

    @TempDir
    Path dir;
    private Bootstrap app;
    private Path inbox;
    private ConnectionSettings settings;
    private InboxWatcher watcher;

    @BeforeEach
    void start() {
        app = Bootstrap.builder(AppConfig.from(dir.resolve("desk").toString(), Map.of()))
                .beansOf(BatchImport.class, Inbox.class).start();
        inbox = dir.resolve("inbox");
        settings = ConnectionSettings.in(dir.resolve("desk.settings"), ConnectionOptions.NONE);
        watcher = new InboxWatcher(app.get(Inbox.class), settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        watcher.stop();
        app.close();
    }

    private void turnOn() {
        settings.save(Map.of(Connection.INBOX, new Choice(true, inbox.toString())));
    }

    @Test
    void itIsOffByDefaultAndTakesNothing() throws Exception {
        Files.createDirectories(inbox);
        drop("batches.csv", "ref,sku,qty,eta\nWH-1,LAMP,10,\n");
        watcher.start();
        Thread.sleep(InboxWatcher.PERIOD_MILLIS * 2);

        assertThat(watcher.state()).isEqualTo(ConnectionState.off(Connection.INBOX));
        assertThat(inbox.resolve("batches.csv")).exists();
        assertThat(app.get(BatchesQuery.class).byReference("WH-1")).isEmpty();
    }

    @Test
    void aDroppedFileIsTakenAndTheStatusTellsTheLastFileAndTheFailedOnes() throws Exception {
        turnOn();
        watcher.start();
        waitUntil("the first pass found nothing", () -> watcher.state().text().equals("Inbox: on, no file yet"));

        drop("batches.csv", "ref,sku,qty,eta\nWH-1,LAMP,10,\n");
        waitUntil("the file is taken", () -> Files.exists(inbox.resolve("processed/batches.csv")));
        String time = DateTimeFormatter.ofPattern("HH:mm:ss").format(NOW.atZone(ZoneId.systemDefault()));
        waitUntil("the status tells it", () -> watcher.state().text().equals("Inbox: 1 file taken, last batches.csv at " + time));
        assertThat(app.get(BatchesQuery.class).byReference("WH-1")).isPresent();
        assertThat(watcher.state().error()).isFalse();
        assertThat(watcher.state().folder()).contains(inbox);

        drop("bad.jsonl", "{\"type\":\"line.zap\",\"version\":1}\n");
        waitUntil("the bad file is refused", () -> Files.exists(inbox.resolve("failed/bad.jsonl.errors.txt")));
        waitUntil("the status tells it", () -> watcher.state().text()
                .equals("Inbox: 1 file taken, last batches.csv at " + time + "; 1 failed, see failed/"));
        assertThat(watcher.state().error()).isTrue();
    }

    @Test
    void aFolderThatIsGoneIsToldAndTheInboxCarriesOnOnceItIsBack() throws Exception {
        turnOn();
        watcher.start();
        waitUntil("the first pass found nothing", () -> watcher.state().text().equals("Inbox: on, no file yet"));

        Files.delete(inbox);
        Files.writeString(inbox, "not a folder");
        waitUntil("the status tells it", () -> watcher.state().error());
        assertThat(watcher.state().text()).startsWith("Inbox: Cannot read the inbox folder " + inbox).endsWith("— retrying");

        Files.delete(inbox);
        Files.createDirectories(inbox);
        drop("batches.csv", "ref,sku,qty,eta\nWH-1,LAMP,10,\n");
        waitUntil("the file is taken once the folder is back", () -> Files.exists(inbox.resolve("processed/batches.csv")));
        waitUntil("the status is fine again", () -> !watcher.state().error());
    }

    @Test
    void stoppingEndsTheThread() {
        turnOn();
        watcher.start();
        waitUntil("it runs", watcher::running);

        watcher.stop();

        assertThat(watcher.running()).isFalse();
    }

    /** Written elsewhere, dated in the past (so settled at once), renamed in: as a well-behaved sender does. */
    private void drop(String name, String content) throws IOException {
        Path written = dir.resolve(name + ".writing");
        Files.writeString(written, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(written, FileTime.from(Instant.now().minusSeconds(60)));
        Files.move(written, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void waitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after 15 s waiting until " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

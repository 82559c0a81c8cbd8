package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.Alone;
import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.ui.connections.ConnectionSettings.Choice;
import com.allocationdesk.allocation.outbox.OutboxRelay;
import com.allocationdesk.allocation.servicelayer.EventBroadcaster;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's outbox relay over a real database and a real folder, without the window: it
 * publishes soon after a commit, coalesces bursts, tells a folder it cannot write and catches up by
 * itself, and stops with every file whole.
 */
@Alone
class OutboxPublisherIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-02T09:15:42Z");

    @TempDir
    Path dir;
    private Bootstrap app;
    private MessageBus bus;
    private Path outbox;
    private ConnectionSettings settings;
    private OutboxPublisher publisher;
    private final List<ConnectionState> told = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        app = Bootstrap.start(AppConfig.from(dir.resolve("desk").toString(), Map.of()));
        bus = app.get(MessageBus.class);
        outbox = dir.resolve("outbox");
        settings = ConnectionSettings.in(dir.resolve("desk.settings"), ConnectionOptions.NONE);
        publisher = new OutboxPublisher(app.get(OutboxRelay.class), app.get(EventBroadcaster.class), settings,
                Clock.fixed(NOW, ZoneOffset.UTC));
        publisher.onChange(told::add);
    }

    @AfterEach
    void stop() {
        publisher.stop();
        app.close();
    }

    private void turnOn() {
        settings.save(Map.of(Connection.OUTBOX, new Choice(true, outbox.toString())));
    }

    @Test
    void itIsOffByDefaultAndWritesNothing() throws InterruptedException {
        publisher.start();
        bus.handle(new CreateBatch("B-1", "LAMP", 10, null));
        Thread.sleep(OutboxPublisher.COALESCE_MILLIS * 3);

        assertThat(publisher.state()).isEqualTo(ConnectionState.off(Connection.OUTBOX));
        assertThat(outbox).doesNotExist();
    }

    @Test
    void aCommitIsPublishedSoonAndTheStatusSaysHowFar() {
        turnOn();
        publisher.start();
        waitUntil("the first run found nothing", 10_000, () -> publisher.state().text().equals("Outbox: on, nothing to publish yet"));

        long committed = System.nanoTime();
        bus.handle(new CreateBatch("B-1", "LAMP", 10, null));
        bus.handle(new Allocate("ORD-1", "LAMP", 2));
        waitUntil("both entries are published", 10_000, () -> seqs().equals(List.of(1L, 2L)));
        long tookMillis = (System.nanoTime() - committed) / 1_000_000;

        assertThat(tookMillis).as("woken by the commit, not by the %d ms period", OutboxPublisher.PERIOD_MILLIS)
                .isLessThan(OutboxPublisher.PERIOD_MILLIS - 1000);
        assertThat(entries()).extracting(e -> e.get("type").asText()).containsExactly("batch.created", "line.allocated");
        assertThat(entries().get(1).get("order").asText()).isEqualTo("ORD-1");
        String time = DateTimeFormatter.ofPattern("HH:mm:ss").format(NOW.atZone(ZoneId.systemDefault()));
        waitUntil("the status tells it", 5_000, () -> publisher.state().text().equals("Outbox: up to #2, last file " + time));
        assertThat(publisher.state().error()).isFalse();
        assertThat(publisher.state().folder()).contains(outbox);
    }

    @Test
    void aBurstOfCommitsIsPublishedInAFewRunsWithEveryEntryOnce() {
        turnOn();
        publisher.start();
        bus.handle(new CreateBatch("B-1", "LAMP", 1000, null));
        int commits = 30;
        for (int i = 1; i <= commits; i++) {
            bus.handle(new Allocate("ORD-" + i, "LAMP", 1));
        }

        waitUntil("every entry is published", 15_000, () -> seqs().size() == commits + 1);
        assertThat(seqs()).isEqualTo(consecutive(1, commits + 1));
        assertThat(files().size()).as("files for %d commits", commits + 1).isLessThan(commits / 2);
    }

    @Test
    void aFolderReplacedByAFileIsToldAsOneLineAndTheRestIsPublishedOnceItIsBack() throws IOException {
        turnOn();
        publisher.start();
        bus.handle(new CreateBatch("B-1", "LAMP", 10, null));
        waitUntil("the first entry is published", 10_000, () -> seqs().equals(List.of(1L)));

        // the folder goes (moved away by someone) and a file of its name takes its place: even root cannot write there
        Path movedAway = Files.move(outbox, dir.resolve("outbox-taken"));
        Files.writeString(outbox, "not a folder");
        bus.handle(new Allocate("ORD-1", "LAMP", 2));
        bus.handle(new Allocate("ORD-2", "LAMP", 3));

        waitUntil("the status tells the failure", 10_000, () -> publisher.state().error());
        assertThat(publisher.state().text())
                .isEqualTo("Outbox: cannot write to " + outbox + " (a file of that name is in the way) — retrying");
        assertThat(Files.readString(outbox)).as("the file in the way is left alone").isEqualTo("not a folder");

        Files.delete(outbox);
        waitUntil("it catches up by itself", OutboxPublisher.PERIOD_MILLIS * 3, () -> seqs().equals(List.of(2L, 3L)));
        waitUntil("the status is fine again", 5_000, () -> !publisher.state().error());
        assertThat(publisher.state().text()).startsWith("Outbox: up to #3, last file ");
        assertThat(seqsIn(movedAway)).containsExactly(1L);
        assertThat(told).filteredOn(ConnectionState::error).extracting(ConnectionState::text).as("one line, not one per retry")
                .containsOnly("Outbox: cannot write to " + outbox + " (a file of that name is in the way) — retrying");
    }

    @Test
    void turningTheOutboxOffStopsPublishingAndOnAgainCatchesUp() {
        turnOn();
        publisher.start();
        bus.handle(new CreateBatch("B-1", "LAMP", 10, null));
        waitUntil("the first entry is published", 10_000, () -> seqs().equals(List.of(1L)));

        settings.save(Map.of(Connection.OUTBOX, new Choice(false, outbox.toString())));
        waitUntil("the status says off", 5_000, () -> publisher.state().equals(ConnectionState.off(Connection.OUTBOX)));
        bus.handle(new Allocate("ORD-1", "LAMP", 2));
        sleep(OutboxPublisher.COALESCE_MILLIS * 4);
        assertThat(seqs()).containsExactly(1L);

        turnOn();
        waitUntil("what was committed meanwhile is published", 10_000, () -> seqs().equals(List.of(1L, 2L)));
    }

    @Test
    void stoppingFinishesTheFileInHandAndEndsTheThread() throws IOException {
        bus.handle(new CreateBatch("B-1", "LAMP", 100_000, null));
        for (int chunk = 0; chunk < 3; chunk++) {
            int from = chunk * 1000;
            bus.handle(new AllocateLines(IntStream.range(from, from + 1000)
                    .mapToObj(i -> new Allocate("ORD-" + i, "LAMP", 1)).toList()));
        }
        turnOn();
        publisher.start();
        waitUntil("a file is out", 20_000, () -> !files().isEmpty());

        publisher.stop();

        assertThat(publisher.running()).isFalse();
        try (Stream<Path> all = Files.list(outbox)) {
            assertThat(all.map(p -> p.getFileName().toString())).as("no half-written file").allMatch(n -> n.matches("events-\\d{20}-\\d{20}\\.jsonl"));
        }
        List<Long> published = seqs();
        assertThat(published).isEqualTo(consecutive(1, published.size()));
        publisher.start();
        assertThat(publisher.running()).as("a stopped relay does not start again").isFalse();
    }

    private static List<Long> consecutive(int first, int last) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = first; seq <= last; seq++) {
            seqs.add(seq);
        }
        return seqs;
    }

    private List<Path> files() {
        return files(outbox);
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(folder)) {
            return all.filter(p -> p.getFileName().toString().matches("events-\\d{20}-\\d{20}\\.jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<JsonNode> entries() {
        return entriesIn(outbox);
    }

    private static List<JsonNode> entriesIn(Path folder) {
        List<JsonNode> entries = new ArrayList<>();
        for (Path file : files(folder)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    entries.add(JSON.readTree(line));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }

    private List<Long> seqs() {
        return seqsIn(outbox);
    }

    private static List<Long> seqsIn(Path folder) {
        return entriesIn(folder).stream().map(e -> e.get("seq").asLong()).toList();
    }

    private static void waitUntil(String what, long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + millis + " ms waiting until " + what);
            }
            sleep(25);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.ui.support.HostDesktop;
import com.allocationdesk.allocation.outbox.OutboxRelay;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools ▸ Connections… and the outbox relay in the real window over a real database: the planner
 * turns the outbox on, allocates, and the entries appear in the folder; a folder the relay cannot
 * write is one red line on the status bar and the rest is published once it is back; the window
 * closes cleanly with the relay on.
 */
class ConnectionsWindowIT extends WindowFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Path> shownFolders = new CopyOnWriteArrayList<>();

    @Override
    Bootstrap.Builder customize(Bootstrap.Builder builder) {
        return builder.override(HostDesktop.class, shownFolders::add);
    }

    @Test
    void thePlannerTurnsTheOutboxOnAndWhatTheDeskDecidesIsPublishedEvenAfterTheFolderWasInTheWay() throws Exception {
        Path outbox = dataDir.resolve("srv").resolve("outbox");
        waitUntil("the status bar says the outbox is off", () -> text("#outboxStatusLink").equals("Outbox: off"));
        assertThat(text("#inboxStatusLink")).isEqualTo("Inbox: off");

        // Tools > Connections...: both off; a file is no folder, and nothing is saved
        fireMenuItem("connectionsItem");
        waitUntil("the Connections dialog opens", () -> find("#outboxFolderField").isPresent());
        assertThat(checkBox("#outboxOnBox").isSelected()).isFalse();
        assertThat(checkBox("#inboxOnBox").isSelected()).isFalse();
        Path aFile = Files.writeString(dataDir.resolve("notes.txt"), "x");
        fill("#outboxFolderField", aFile.toString());
        clickOn("#outboxOnBox");
        clickOn("#saveButton");
        waitUntil("the dialog says why not", () -> text("#connectionsErrorLabel").equals(
                "The outbox folder " + aFile + " is a file, not a folder: choose a folder"));
        assertThat(settingsFile()).doesNotExist();

        // Browse... picks the folder (it does not exist yet: saving creates it)
        dialogs.answerNextFolderChooser(outbox);
        clickOn("#outboxBrowseButton");
        assertThat(text("#outboxFolderField")).isEqualTo(outbox.toString());
        assertThat(checkBox("#outboxOnBox").isSelected()).isTrue();
        clickOn("#saveButton");
        waitUntil("the dialog closes", () -> find("#outboxFolderField").isEmpty());
        assertThat(outbox).isDirectory();
        assertThat(saved().getProperty("outbox.on")).isEqualTo("true");
        assertThat(saved().getProperty("outbox.folder")).isEqualTo(outbox.toString());
        waitUntil("the relay runs", () -> text("#outboxStatusLink").equals("Outbox: on, nothing to publish yet"));

        // the planner allocates through the window: the entries appear in the folder
        MessageBus bus = app.bootstrap().get(MessageBus.class);
        bus.handle(new CreateBatch("B-1", "LAMP", 10, null));
        allocateInOrders("ORD-1", "LAMP", 4, "B-1");
        waitUntil("its entry is in the outbox", () -> entries(outbox).stream().anyMatch(e ->
                e.get("type").asText().equals("line.allocated") && e.get("order").asText().equals("ORD-1")));
        assertThat(seqs(outbox)).containsExactly(1L, 2L);
        waitUntil("the status bar says how far", () -> text("#outboxStatusLink").matches("Outbox: up to #2, last file \\d\\d:\\d\\d:\\d\\d"));

        clickOn("#outboxStatusLink");
        waitUntil("the folder is opened on the desktop", () -> shownFolders.equals(List.of(outbox)));

        // the folder goes and a file of its name takes its place (root, who runs CI, could write a read-only folder)
        Path movedAway = Files.move(outbox, dataDir.resolve("outbox-taken"));
        Files.writeString(outbox, "in the way");
        bus.handle(new Allocate("ORD-2", "LAMP", 1));
        waitUntil("the status bar tells it in one line", () -> text("#outboxStatusLink").equals(
                "Outbox: cannot write to " + outbox + " (a file of that name is in the way) — retrying"));
        Hyperlink status = node("#outboxStatusLink");
        assertThat(status.getStyleClass()).contains("connection-error");
        assertThat(seqs(movedAway)).containsExactly(1L, 2L);

        // the file goes: the relay publishes the rest by itself
        Files.delete(outbox);
        waitUntil("the rest is published", 30, () -> seqs(outbox).equals(List.of(3L)));
        waitUntil("the status bar is fine again", () -> text("#outboxStatusLink").startsWith("Outbox: up to #3, last file "));
        assertThat(status.getStyleClass()).doesNotContain("connection-error");

        // the window closes with the relay on: the thread ends, the database is closed, its progress stored
        FxToolkit.cleanupApplication(app);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("desk-outbox") && t.isAlive());
        try (Bootstrap again = Bootstrap.start(AppConfig.from(dataDir.resolve("desk").toString(), Map.of()).readingFirst())) {
            OutboxRelay.Published published = again.get(OutboxRelay.class).publishPending(outbox, 1000);
            assertThat(published.files()).as("nothing was left unpublished").isZero();
            assertThat(published.lastSeq()).isEqualTo(3);
        }
    }

    @Test
    void aClickOnAConnectionThatIsOffOpensTheConnectionsDialog() {
        waitUntil("the status bar says the inbox is off", () -> text("#inboxStatusLink").equals("Inbox: off"));

        clickOn("#inboxStatusLink");

        waitUntil("the Connections dialog opens", () -> find("#inboxFolderField").isPresent());
        assertThat(shownFolders).isEmpty();
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil("the dialog closes", () -> find("#inboxFolderField").isEmpty());
        assertThat(settingsFile()).doesNotExist();
    }

    private CheckBox checkBox(String query) {
        return node(query);
    }

    private Path settingsFile() {
        return dataDir.resolve("desk.settings");
    }

    private Properties saved() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(settingsFile())) {
            properties.load(in);
        }
        return properties;
    }

    private static List<JsonNode> entries(Path folder) {
        List<JsonNode> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        try (Stream<Path> all = Files.list(folder)) {
            for (Path file : all.filter(p -> p.getFileName().toString().matches("events-\\d{20}-\\d{20}\\.jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    entries.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static List<Long> seqs(Path folder) {
        return entries(folder).stream().map(e -> e.get("seq").asLong()).toList();
    }
}

package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.entrypoints.ui.connections.ConnectionSettings.Choice;
import com.allocationdesk.allocation.entrypoints.ui.connections.FolderSetting.Source;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static com.allocationdesk.allocation.entrypoints.ui.connections.Connection.INBOX;
import static com.allocationdesk.allocation.entrypoints.ui.connections.Connection.OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which folder applies (option > environment > saved settings) and what saving accepts, creates and refuses. */
class ConnectionSettingsTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("desk.settings");
    }

    private ConnectionSettings settings(ConnectionOptions options) {
        return ConnectionSettings.in(file(), options);
    }

    private ConnectionSettings settings() {
        return settings(ConnectionOptions.NONE);
    }

    private static Map<Connection, Choice> outbox(boolean on, String folder) {
        return Map.of(OUTBOX, new Choice(on, folder));
    }

    private Properties saved() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file())) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void bothAreOffUntilSomethingNamesAFolder() {
        ConnectionSettings settings = settings();

        for (Connection connection : Connection.values()) {
            FolderSetting setting = settings.current(connection);
            assertThat(setting.source()).isEqualTo(Source.SAVED);
            assertThat(setting.on()).isFalse();
            assertThat(setting.folder()).isNull();
            assertThat(setting.fixed()).isFalse();
            assertThat(setting.active()).isEmpty();
        }
        assertThat(file()).doesNotExist();
    }

    @Nested
    class Precedence {
        @Test
        void theOptionWinsOverTheEnvironmentWhichWinsOverTheSavedSettings() {
            Path saved = dir.resolve("saved-out");
            settings().save(Map.of(OUTBOX, new Choice(true, saved.toString()), INBOX, new Choice(true, dir.resolve("saved-in").toString())));
            Map<String, String> env = Map.of("ALLOCATION_DESK_OUTBOX", dir.resolve("env-out").toString(),
                    "ALLOCATION_DESK_INBOX", dir.resolve("env-in").toString());

            ConnectionSettings withOption = settings(new ConnectionOptions(dir.resolve("opt-out").toString(), null, env));
            assertThat(withOption.current(OUTBOX).source()).isEqualTo(Source.OPTION);
            assertThat(withOption.current(OUTBOX).active()).contains(dir.resolve("opt-out"));
            assertThat(withOption.current(OUTBOX).fixed()).isTrue();
            assertThat(withOption.current(OUTBOX).origin()).isEqualTo("--outbox");
            assertThat(withOption.current(INBOX).source()).isEqualTo(Source.ENVIRONMENT);
            assertThat(withOption.current(INBOX).active()).contains(dir.resolve("env-in"));
            assertThat(withOption.current(INBOX).origin()).isEqualTo("ALLOCATION_DESK_INBOX");

            ConnectionSettings withEnvironment = settings(new ConnectionOptions(null, null,
                    Map.of("ALLOCATION_DESK_OUTBOX", dir.resolve("env-out").toString())));
            assertThat(withEnvironment.current(OUTBOX).active()).contains(dir.resolve("env-out"));
            assertThat(withEnvironment.current(INBOX).source()).isEqualTo(Source.SAVED);
            assertThat(withEnvironment.current(INBOX).active()).contains(dir.resolve("saved-in"));

            assertThat(settings().current(OUTBOX).active()).contains(saved);
        }

        @Test
        void aBlankEnvironmentVariableIsNotSet() {
            ConnectionSettings settings = settings(new ConnectionOptions(null, null, Map.of("ALLOCATION_DESK_OUTBOX", "  ")));
            assertThat(settings.current(OUTBOX).source()).isEqualTo(Source.SAVED);
            assertThat(settings.current(OUTBOX).on()).isFalse();
        }

        @Test
        void aRelativeOptionIsTakenFromWhereTheWindowStarted() {
            ConnectionSettings settings = settings(new ConnectionOptions("out", null, Map.of()));
            assertThat(settings.current(OUTBOX).active()).contains(Path.of("out").toAbsolutePath());
        }

        @Test
        void anEnvironmentVariableThatIsNoPathIsToldAndNotUsed() {
            ConnectionSettings settings = settings(new ConnectionOptions(null, null, Map.of("ALLOCATION_DESK_INBOX", "in\u0000box")));
            FolderSetting inbox = settings.current(INBOX);
            assertThat(inbox.fixed()).isTrue();
            assertThat(inbox.active()).isEmpty();
            assertThat(inbox.problem()).isEqualTo("The inbox folder must be a path, was 'in\u0000box' (set by ALLOCATION_DESK_INBOX)");
        }

        @Test
        void aFolderSetByTheOptionCannotBeChangedHereAndTheSavedOneStaysBeneathIt() throws IOException {
            Path saved = dir.resolve("saved-out");
            settings().save(outbox(true, saved.toString()));
            ConnectionSettings settings = settings(new ConnectionOptions(dir.resolve("opt-out").toString(), null, Map.of()));

            settings.save(Map.of(OUTBOX, new Choice(false, ""), INBOX, new Choice(true, dir.resolve("in").toString())));

            assertThat(settings.current(OUTBOX).active()).contains(dir.resolve("opt-out"));
            assertThat(settings.current(INBOX).active()).contains(dir.resolve("in"));
            assertThat(saved().getProperty("outbox.folder")).isEqualTo(saved.toString());
            assertThat(saved().getProperty("outbox.on")).isEqualTo("true");
            assertThat(settings().current(OUTBOX).active()).as("the next run without the option").contains(saved);
        }

        @Test
        void anInboxOnTheOutboxsFolderStaysOff() {
            Path same = dir.resolve("shared");
            ConnectionSettings settings = settings(new ConnectionOptions(same.toString(), same.toString(), Map.of()));

            assertThat(settings.current(OUTBOX).active()).contains(same);
            assertThat(settings.current(INBOX).active()).isEmpty();
            assertThat(settings.current(INBOX).problem()).isEqualTo("The inbox is the outbox's folder (" + same
                    + ", set by --outbox): the inbox stays off until it is another folder");
        }
    }

    @Nested
    class Saving {
        @Test
        void aFolderTurnedOnIsCreatedAndSavedAtomicallyBesideTheDatabase() throws IOException {
            Path folder = dir.resolve("srv").resolve("desk").resolve("outbox");
            ConnectionSettings settings = settings();

            settings.save(outbox(true, " " + folder + " "));

            assertThat(folder).isDirectory();
            assertThat(settings.current(OUTBOX).active()).contains(folder);
            assertThat(saved().getProperty("outbox.on")).isEqualTo("true");
            assertThat(saved().getProperty("outbox.folder")).isEqualTo(folder.toString());
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left")
                        .containsExactlyInAnyOrder("desk.settings", "srv");
            }
            assertThat(settings().current(OUTBOX).active()).as("read back by the next window").contains(folder);
        }

        @Test
        void aFolderTurnedOffIsRememberedButNotCreated() throws IOException {
            Path folder = dir.resolve("later");
            ConnectionSettings settings = settings();

            settings.save(outbox(false, folder.toString()));

            assertThat(folder).doesNotExist();
            assertThat(settings.current(OUTBOX).folder()).isEqualTo(folder);
            assertThat(settings.current(OUTBOX).active()).isEmpty();
            assertThat(saved().getProperty("outbox.on")).isEqualTo("false");
        }

        @Test
        void theFileIsNamedAfterTheDatabaseAndIsNeverHsqldbsOwnPropertiesFile() {
            ConnectionSettings settings = new ConnectionSettings(AppConfig.from(dir.resolve("desk").toString(), Map.of()),
                    ConnectionOptions.NONE);

            settings.save(outbox(true, dir.resolve("out").toString()));

            assertThat(settings.file()).isEqualTo(dir.resolve("desk.settings"));
            assertThat(dir.resolve("desk.settings")).isRegularFile();
            assertThat(dir.resolve("desk.properties")).as("the database desk's own file").doesNotExist();
        }

        @Test
        void keysOfOtherVersionsAreKept() throws IOException {
            Files.writeString(file(), "inbox.errors=/srv/errors\n");

            settings().save(outbox(true, dir.resolve("out").toString()));

            assertThat(saved().getProperty("inbox.errors")).isEqualTo("/srv/errors");
        }

        @Test
        void listenersHearOfASaveButNotOfARefusal() {
            ConnectionSettings settings = settings();
            AtomicInteger heard = new AtomicInteger();
            settings.onChange(heard::incrementAndGet);

            settings.save(outbox(true, dir.resolve("out").toString()));
            assertThatThrownBy(() -> settings.save(outbox(true, ""))).isInstanceOf(SettingRefused.class);

            assertThat(heard).hasValue(1);
        }
    }

    @Nested
    class BadFolders {
        private ConnectionSettings settings;

        @BeforeEach
        void open() {
            settings = ConnectionSettingsTest.this.settings();
        }

        private void refused(Map<Connection, Choice> choices, String message) {
            assertThatThrownBy(() -> settings.save(choices)).isInstanceOf(SettingRefused.class).hasMessage(message);
            assertThat(settings.current(OUTBOX).active()).as("nothing changed").isEmpty();
            assertThat(settings.current(INBOX).active()).as("nothing changed").isEmpty();
            assertThat(file()).as("nothing saved").doesNotExist();
        }

        @Test
        void onWithoutAFolder() {
            refused(outbox(true, "  "), "Choose the outbox folder, or turn the outbox off");
        }

        @Test
        void aFileIsNotAFolder() throws IOException {
            Path file = Files.writeString(dir.resolve("notes.txt"), "x");
            refused(outbox(true, file.toString()), "The outbox folder " + file + " is a file, not a folder: choose a folder");
            assertThat(Files.readString(file)).isEqualTo("x");
        }

        @Test
        void aFolderThatCannotBeCreated() throws IOException {
            Path file = Files.writeString(dir.resolve("notes.txt"), "x");
            Path below = file.resolve("inbox");
            assertThatThrownBy(() -> settings.save(Map.of(INBOX, new Choice(true, below.toString()))))
                    .isInstanceOf(SettingRefused.class)
                    .hasMessageStartingWith("Cannot create the inbox folder " + below + " (")
                    .hasMessageEndingWith("): choose another folder");
            assertThat(file()).doesNotExist();
        }

        @Test
        void aRelativePath() {
            refused(outbox(true, "outbox"), "The outbox folder must be a full path (from the top of a disk, like "
                    + Path.of("outbox").toAbsolutePath() + "), was 'outbox'");
        }

        @Test
        void noPathAtAll() {
            refused(outbox(true, "out\u0000box"), "The outbox folder must be a path, was 'out\u0000box'");
        }

        @Test
        void theSameFolderForBoth() {
            Path shared = dir.resolve("shared");
            refused(Map.of(OUTBOX, new Choice(true, shared.toString()), INBOX, new Choice(true, shared + "/./")),
                    "The inbox and the outbox cannot be the same folder (" + shared
                            + "): the desk would take in what it publishes. Choose two folders");
            assertThat(shared).as("not created for a refused choice").doesNotExist();
        }

        @Test
        void aSettingsFileThatCannotBeWritten() throws IOException {
            Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
            ConnectionSettings unwritable = ConnectionSettings.in(file.resolve("desk.settings"), ConnectionOptions.NONE);

            assertThatThrownBy(() -> unwritable.save(outbox(true, dir.resolve("out").toString())))
                    .isInstanceOf(SettingRefused.class)
                    .hasMessageStartingWith("Could not save the settings to " + file.resolve("desk.settings") + " (")
                    .hasMessageEndingWith("); nothing was changed");
            assertThat(unwritable.current(OUTBOX).active()).isEmpty();
        }
    }

    @Nested
    class ASettingsFileEditedByHand {
        @Test
        void anUnreadableFileIsIgnored() throws IOException {
            Files.writeString(file(), "outbox.on=true\noutbox.folder=\\u00zz\n");
            assertThat(settings().current(OUTBOX).active()).isEmpty();
        }

        @Test
        void aRelativeFolderIsToldAndNotUsed() throws IOException {
            Files.writeString(file(), "outbox.on=true\noutbox.folder=out\n");
            FolderSetting outbox = settings().current(OUTBOX);
            assertThat(outbox.active()).isEmpty();
            assertThat(outbox.problem()).isEqualTo("The outbox folder in " + file() + " must be a full path, was 'out'");
        }

        @Test
        void onWithoutAFolderIsOff() throws IOException {
            Files.writeString(file(), "inbox.on=true\n");
            assertThat(settings().current(INBOX).on()).isFalse();
        }
    }
}

package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.entrypoints.ui.support.InlineRunner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static com.allocationdesk.allocation.entrypoints.ui.connections.Connection.INBOX;
import static com.allocationdesk.allocation.entrypoints.ui.connections.Connection.OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

/** Tools ▸ Connections… as the planner sees it: what it shows, what a fixed folder looks like, what saving says. */
class ConnectionsDialogViewModelTest {
    @TempDir
    Path dir;
    private final InlineRunner runner = new InlineRunner();

    private ConnectionSettings settings(ConnectionOptions options) {
        return ConnectionSettings.in(dir.resolve("desk.settings"), options);
    }

    @Test
    void bothStartOffAndEmptyAndCanBeChanged() {
        ConnectionsDialogViewModel vm = new ConnectionsDialogViewModel(settings(ConnectionOptions.NONE), runner);

        for (Connection connection : Connection.values()) {
            FolderFields fields = vm.fields(connection);
            assertThat(fields.onProperty().get()).isFalse();
            assertThat(fields.folderProperty().get()).isEmpty();
            assertThat(fields.fixedProperty().get()).isFalse();
        }
        assertThat(vm.fields(OUTBOX).noteProperty().get()).startsWith("Every change the desk commits is written there");
    }

    @Test
    void aFolderChosenWithBrowseIsTurnedOnAndSavingClosesTheDialog() {
        ConnectionSettings settings = settings(ConnectionOptions.NONE);
        ConnectionsDialogViewModel vm = new ConnectionsDialogViewModel(settings, runner);
        Path outbox = dir.resolve("out");

        vm.fields(OUTBOX).chosen(outbox);
        assertThat(vm.fields(OUTBOX).onProperty().get()).isTrue();
        vm.save();

        assertThat(vm.doneProperty().get()).isTrue();
        assertThat(vm.errorMessageProperty().get()).isEmpty();
        assertThat(settings.current(OUTBOX).active()).contains(outbox);
        assertThat(settings.current(INBOX).active()).isEmpty();
        assertThat(new ConnectionsDialogViewModel(settings, runner).fields(OUTBOX).folderProperty().get())
                .as("the dialog opens with it next time").isEqualTo(outbox.toString());
    }

    @Test
    void aRefusalIsTheErrorLineAndTheDialogStaysOpenWithNothingSaved() throws IOException {
        ConnectionSettings settings = settings(ConnectionOptions.NONE);
        ConnectionsDialogViewModel vm = new ConnectionsDialogViewModel(settings, runner);
        Path file = Files.writeString(dir.resolve("inbox.txt"), "x");

        vm.fields(INBOX).folderProperty().set(file.toString());
        vm.fields(INBOX).onProperty().set(true);
        vm.save();

        assertThat(vm.errorMessageProperty().get()).isEqualTo("The inbox folder " + file + " is a file, not a folder: choose a folder");
        assertThat(vm.doneProperty().get()).isFalse();
        assertThat(dir.resolve("desk.settings")).doesNotExist();

        vm.fields(INBOX).folderProperty().set(dir.resolve("in").toString());
        vm.save();
        assertThat(vm.errorMessageProperty().get()).as("cleared by the next save").isEmpty();
        assertThat(vm.doneProperty().get()).isTrue();
    }

    @Test
    void aFolderSetByTheOptionOrTheEnvironmentIsShownOnAndCannotBeChanged() {
        Path option = dir.resolve("opt-out");
        Path variable = dir.resolve("env-in");
        ConnectionSettings settings = settings(new ConnectionOptions(option.toString(), null,
                Map.of("ALLOCATION_DESK_INBOX", variable.toString())));
        ConnectionsDialogViewModel vm = new ConnectionsDialogViewModel(settings, runner);

        FolderFields outbox = vm.fields(OUTBOX);
        assertThat(outbox.fixedProperty().get()).isTrue();
        assertThat(outbox.onProperty().get()).isTrue();
        assertThat(outbox.folderProperty().get()).isEqualTo(option.toString());
        assertThat(outbox.noteProperty().get())
                .isEqualTo("Set by --outbox when the window was started: the outbox is on, and cannot be changed here.");
        FolderFields inbox = vm.fields(INBOX);
        assertThat(inbox.fixedProperty().get()).isTrue();
        assertThat(inbox.noteProperty().get())
                .isEqualTo("Set by the environment variable ALLOCATION_DESK_INBOX: the inbox is on, and cannot be changed here.");

        outbox.folderProperty().set(dir.resolve("elsewhere").toString()); // the field is disabled; even so
        vm.save();

        assertThat(vm.doneProperty().get()).isTrue();
        assertThat(settings.current(OUTBOX).active()).contains(option);
        assertThat(dir.resolve("elsewhere")).doesNotExist();
        assertThat(settings(ConnectionOptions.NONE).current(OUTBOX).folder()).as("nothing saved for it").isNull();
    }

    @Test
    void whatIsWrongWithASavedFolderIsTheLineUnderIt() throws IOException {
        Files.writeString(dir.resolve("desk.settings"), "outbox.on=true\noutbox.folder=relative/out\n");

        ConnectionsDialogViewModel vm = new ConnectionsDialogViewModel(settings(ConnectionOptions.NONE), runner);

        assertThat(vm.fields(OUTBOX).noteProperty().get()).isEqualTo("The outbox folder in " + dir.resolve("desk.settings")
                + " must be a full path, was 'relative/out'");
        assertThat(vm.fields(OUTBOX).folderProperty().get()).isEqualTo("relative/out");
    }
}

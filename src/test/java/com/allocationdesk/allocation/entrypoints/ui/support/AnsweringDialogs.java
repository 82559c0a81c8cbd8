package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.scene.control.Alert;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The window's dialogs for tests that drive the real window: dialogs and messages are the real
 * ones ({@link FxDialogService}, so a test can read and click them), but the file and folder
 * choosers, which cannot be driven headless, answer what the test said they would
 * ({@link #answerNextFileChooser}, {@link #answerNextSaveChooser}, {@link #answerNextFolderChooser}), or that the planner chose none. Swapped in with {@code Bootstrap.builder(config).override(
 * DialogService.class, dialogs)}.
 */
public final class AnsweringDialogs implements DialogService {
    private final Supplier<? extends DialogService> real;
    private final Queue<Path> answers = new ConcurrentLinkedQueue<>();
    private final Queue<Path> folders = new ConcurrentLinkedQueue<>();
    private final Queue<Path> saves = new ConcurrentLinkedQueue<>();

    /** @param real the container's {@link FxDialogService}, looked up when a dialog first opens */
    public AnsweringDialogs(Supplier<? extends DialogService> real) {
        this.real = Objects.requireNonNull(real, "real");
    }

    /** The next {@link #chooseCsv} answers {@code file} (answers queue up in order). Any thread. */
    public void answerNextFileChooser(Path file) {
        answers.add(Objects.requireNonNull(file, "file"));
    }

    /** The next {@link #chooseFolder} answers {@code folder} (answers queue up in order). Any thread. */
    public void answerNextFolderChooser(Path folder) {
        folders.add(Objects.requireNonNull(folder, "folder"));
    }

    /** The next {@link #chooseCsvToSave} answers {@code file} (answers queue up in order). Any thread. */
    public void answerNextSaveChooser(Path file) {
        saves.add(Objects.requireNonNull(file, "file"));
    }

    @Override
    public <C> Stage open(Class<C> controllerType, String fxml, String title, Window owner, Consumer<C> prepare) {
        return real.get().open(controllerType, fxml, title, owner, prepare);
    }

    @Override
    public Alert message(Alert.AlertType type, Window owner, String title, String text, List<String> lines) {
        return real.get().message(type, owner, title, text, lines);
    }

    @Override
    public Alert confirm(Window owner, String title, String text, String confirm, Runnable act) {
        return real.get().confirm(owner, title, text, confirm, act);
    }

    @Override
    public Optional<Path> chooseCsv(Window owner, String title) {
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> chooseCsvToSave(Window owner, String title, String suggestedName) {
        return Optional.ofNullable(saves.poll());
    }

    @Override
    public Optional<Path> chooseFolder(Window owner, String title, Path initial) {
        return Optional.ofNullable(folders.poll());
    }
}

package com.allocationdesk.allocation.entrypoints.ui.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javafx.collections.FXCollections;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogEvent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The window's dialogs: FXML screens in their own modal window (controllers from the container),
 * messages and questions, file and folder choosers. Every text is shown whole (it wraps; a dialog
 * grows when a message needs more lines), lists copy, and closing a dialog gives the focus back to
 * the window's main field ({@link ReturnFocus}).
 */
@ApplicationScoped
public class FxDialogService implements DialogService {
    private static final KeyCombination COPY = KeyCombination.keyCombination("Shortcut+C");
    private final FxmlViews views;

    @Inject
    public FxDialogService(FxmlViews views) {
        this.views = views;
    }

    @Override
    public <C> Stage open(Class<C> controllerType, String fxml, String title, Window owner, Consumer<C> prepare) {
        FxmlViews.View<C> view = views.load(controllerType.getResource(fxml));
        Parent root = view.root();
        Stage stage = new Stage();
        stage.setTitle(title);
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.setResizable(false);
        growWithItsText(stage, root);
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> ReturnFocus.afterDialog(owner));
        prepare.accept(view.controller());
        stage.show();
        return stage;
    }

    /**
     * A dialog grows when a message in it needs more lines (a refusal, a long reason under a
     * field): its size was fixed when it opened, and its labels would be cut off with "…".
     */
    private static void growWithItsText(Stage stage, Parent root) {
        stage.getScene().addPostLayoutPulseListener(() -> {
            double wanted = root.prefHeight(root.getLayoutBounds().getWidth());
            double missing = wanted - stage.getScene().getHeight();
            if (stage.isShowing() && missing > 0.5) {
                stage.setHeight(stage.getHeight() + Math.ceil(missing));
            }
        });
    }

    @Override
    public Alert message(Alert.AlertType type, Window owner, String title, String text, List<String> lines) {
        Alert alert = alert(type, owner, title);
        Label label = wholeText(text, "messageText");
        VBox content = new VBox(10, label);
        content.setPrefWidth(640);
        if (!lines.isEmpty()) {
            content.getChildren().add(copyableList(lines));
        }
        alert.getDialogPane().setContent(content);
        alert.show();
        return alert;
    }

    @Override
    public Alert confirm(Window owner, String title, String text, String confirm, Runnable act) {
        Alert alert = alert(Alert.AlertType.CONFIRMATION, owner, title);
        ButtonType yes = new ButtonType(confirm, ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(yes, ButtonType.CANCEL);
        Label label = wholeText(text, "confirmText");
        VBox content = new VBox(10, label);
        content.setPrefWidth(480);
        alert.getDialogPane().setContent(content);
        alert.setOnHidden(e -> {
            if (alert.getResult() == yes) {
                act.run();
            }
        });
        alert.show();
        return alert;
    }

    private static Alert alert(Alert.AlertType type, Window owner, String title) {
        Alert alert = new Alert(type);
        alert.initOwner(owner);
        alert.initModality(Modality.WINDOW_MODAL);
        alert.setTitle(title);
        alert.setHeaderText(null);
        alert.setResizable(true);
        if (owner != null && owner.getScene() != null) {
            alert.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        alert.addEventHandler(DialogEvent.DIALOG_HIDDEN, e -> ReturnFocus.afterDialog(owner));
        return alert;
    }

    /** A message label that wraps and keeps its whole height (never "…"), its text also in a tooltip. */
    private static Label wholeText(String text, String id) {
        Label label = new Label(text);
        label.setId(id);
        ViewBindings.wholeText(label);
        return label;
    }

    /**
     * Lines (every bad row of an import) in a list that shows several at once, scrolls, selects
     * (Shift, Ctrl) and copies: Ctrl+C the selected lines (all when none is), Copy all every line.
     */
    private static VBox copyableList(List<String> lines) {
        ListView<String> list = new ListView<>(FXCollections.observableArrayList(lines));
        list.setId("messageLines");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        double rows = Math.min(12, lines.size());
        list.setPrefHeight(rows * 26 + 6);
        list.setMinHeight(Math.min(8, lines.size()) * 26 + 6);
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                e.consume();
                List<String> selected = list.getSelectionModel().getSelectedItems();
                copy(selected.isEmpty() ? lines : List.copyOf(selected));
            }
        });
        Button copyAll = new Button("_Copy all");
        copyAll.setMnemonicParsing(true);
        copyAll.setId("copyLinesButton");
        copyAll.setOnAction(e -> copy(lines));
        Label hint = new Label(lines.size() == 1 ? "" : DisplayFormats.number(lines.size())
                + " lines; select some and press Ctrl+C to copy them.");
        hint.getStyleClass().add("text-muted");
        HBox actions = new HBox(10, copyAll, hint);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, list, actions);
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private static void copy(List<String> lines) {
        ClipboardContent content = new ClipboardContent();
        content.putString(String.join("\n", lines) + "\n");
        Clipboard.getSystemClipboard().setContent(content);
    }

    @Override
    public Optional<Path> chooseCsv(Window owner, String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV files", "*.csv"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = chooser.showOpenDialog(owner);
        return Optional.ofNullable(file).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseCsvToSave(Window owner, String title, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV files", "*.csv"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = chooser.showSaveDialog(owner);
        return Optional.ofNullable(file).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFolder(Window owner, String title, Path initial) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (initial != null && Files.isDirectory(initial)) {
            chooser.setInitialDirectory(initial.toFile());
        }
        File folder = chooser.showDialog(owner);
        return Optional.ofNullable(folder).map(File::toPath);
    }
}

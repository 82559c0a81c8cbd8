package com.allocationdesk.allocation.entrypoints.ui.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import javafx.collections.FXCollections;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The window's dialogs: FXML screens in their own modal window (controllers from the container), alerts, file and folder choosers. */
@ApplicationScoped
public class FxDialogService implements DialogService {
    private final Instance<Object> beans;

    @Inject
    public FxDialogService(Instance<Object> beans) {
        this.beans = beans;
    }

    @Override
    public <C> Stage open(Class<C> controllerType, String fxml, String title, Window owner, Consumer<C> prepare) {
        URL location = controllerType.getResource(fxml);
        FXMLLoader loader = new FXMLLoader(location);
        loader.setControllerFactory(type -> beans.select(type).get());
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + fxml, e);
        }
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
        prepare.accept(loader.getController());
        stage.show();
        return stage;
    }

    @Override
    public Alert message(Alert.AlertType type, Window owner, String title, String text, List<String> lines) {
        Alert alert = new Alert(type);
        alert.initOwner(owner);
        alert.initModality(Modality.WINDOW_MODAL);
        alert.setTitle(title);
        alert.setHeaderText(null);
        Label label = new Label(text);
        label.setWrapText(true);
        label.setId("messageText");
        VBox content = new VBox(10, label);
        content.setPrefWidth(640);
        if (!lines.isEmpty()) {
            ListView<String> list = new ListView<>(FXCollections.observableArrayList(lines));
            list.setId("messageLines");
            list.setPrefHeight(Math.min(320, 26.0 * lines.size() + 4));
            VBox.setVgrow(list, Priority.ALWAYS);
            content.getChildren().add(list);
        }
        alert.getDialogPane().setContent(content);
        alert.setResizable(true);
        if (owner != null && owner.getScene() != null) {
            alert.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        alert.show();
        return alert;
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

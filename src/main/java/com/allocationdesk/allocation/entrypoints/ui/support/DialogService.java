package com.allocationdesk.allocation.entrypoints.ui.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Opens dialogs (FXML screens in their own modal window, controllers from the container) and file
 * choosers. Screens ask this service, so none of them creates windows itself.
 */
@ApplicationScoped
public class DialogService {
    private final Instance<Object> beans;

    @Inject
    public DialogService(Instance<Object> beans) {
        this.beans = beans;
    }

    /**
     * Shows the dialog {@code fxml} (next to {@code controllerType}) over {@code owner};
     * {@code prepare} gets the controller before the dialog shows. Returns at once (non-blocking).
     */
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

    /** Asks for a CSV file to read. */
    public Optional<Path> chooseCsv(Window owner, String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV files", "*.csv"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = chooser.showOpenDialog(owner);
        return Optional.ofNullable(file).map(File::toPath);
    }
}

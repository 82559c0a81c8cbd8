package com.allocationdesk.allocation.entrypoints.ui.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

/** FXML views whose controllers come from the container: the dialogs, and the tabs built on first show. */
@ApplicationScoped
public class FxmlViews {
    private final Instance<Object> beans;

    @Inject
    public FxmlViews(Instance<Object> beans) {
        this.beans = beans;
    }

    /** Loads the view at {@code location}; its controller (and those of the views it includes) from the container. */
    public <C> View<C> load(URL location) {
        FXMLLoader loader = new FXMLLoader(location);
        loader.setControllerFactory(type -> beans.select(type).get());
        try {
            Parent root = loader.load();
            return new View<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + location, e);
        }
    }

    /** A loaded view: its root node and its controller. */
    public record View<C>(Parent root, C controller) {
    }
}

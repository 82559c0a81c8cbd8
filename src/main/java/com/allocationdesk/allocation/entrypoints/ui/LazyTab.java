package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.entrypoints.ui.support.FxmlViews;

import javafx.scene.Parent;
import javafx.scene.control.Tab;

import java.net.URL;
import java.util.function.Consumer;

/**
 * A tab of the main window whose view (its FXML and controller) is built the first time the tab is
 * shown, or the first time another part of the window needs its controller, not at start: a
 * planner who only uses Batches does not wait for the other screens to load (issue 16). The view's
 * root takes {@code id}, as an {@code fx:include} with that {@code fx:id} would give it.
 */
final class LazyTab<C> {
    private final Tab tab;
    private final FxmlViews views;
    private final URL fxml;
    private final String id;
    private final Consumer<C> whenBuilt;
    private C controller;

    /**
     * @param whenBuilt wires the new controller into the window, once, right after it is built
     */
    LazyTab(Tab tab, FxmlViews views, URL fxml, String id, Consumer<C> whenBuilt) {
        this.tab = tab;
        this.views = views;
        this.fxml = fxml;
        this.id = id;
        this.whenBuilt = whenBuilt;
        tab.selectedProperty().addListener((obs, was, selected) -> {
            if (selected) {
                controller();
            }
        });
        if (tab.isSelected()) {
            controller();
        }
    }

    /** The tab's controller, building its view now if it was not built yet. */
    C controller() {
        if (controller == null) {
            FxmlViews.View<C> view = views.load(fxml);
            Parent root = view.root();
            root.setId(id);
            controller = view.controller();
            tab.setContent(root);
            whenBuilt.accept(controller);
        }
        return controller;
    }
}

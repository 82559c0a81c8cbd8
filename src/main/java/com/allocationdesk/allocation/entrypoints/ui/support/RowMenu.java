package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.beans.binding.Bindings;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;

import java.util.function.Consumer;

/**
 * The context menu of a table's (or a list's) rows: one menu per control, to which
 * {@link TableClipboard} adds Copy (first), {@link RowHistory} adds History… and a screen adds the
 * row's own actions ({@link #action}). No item carries an accelerator: a context menu's
 * accelerators would become the whole window's, and Ctrl+C would copy the wrong table; the keys are
 * the tables' own (Ctrl+C, Ctrl+H) and the items name them.
 */
public final class RowMenu {
    private RowMenu() {
    }

    /** The control's context menu, made (empty) the first time. */
    public static ContextMenu of(Control control) {
        ContextMenu menu = control.getContextMenu();
        if (menu == null) {
            menu = new ContextMenu();
            menu.getStyleClass().add("row-menu");
            control.setContextMenu(menu);
        }
        return menu;
    }

    /**
     * Adds an item at the end of the row menu that runs {@code act} on the selected row; it is
     * enabled when exactly one row is selected (an action is about one row).
     */
    public static <T> MenuItem action(TableView<T> table, String text, Consumer<? super T> act) {
        MenuItem item = new MenuItem(text);
        item.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedIndices()).isNotEqualTo(1));
        item.setOnAction(e -> {
            T row = table.getSelectionModel().getSelectedItem();
            if (row != null) {
                act.accept(row);
            }
        });
        of(table).getItems().add(item);
        return item;
    }
}

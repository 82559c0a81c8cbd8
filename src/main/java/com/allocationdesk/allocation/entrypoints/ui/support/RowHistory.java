package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.function.Consumer;

/**
 * "History…" on a table's selected row: an item of the row's context menu ({@link RowMenu}), and Ctrl+H while the
 * table has the focus (a key of the table, not of the window: three tables offer it).
 */
public final class RowHistory {
    /** The key that opens the selected row's history. */
    public static final KeyCombination KEY = KeyCombination.keyCombination("Shortcut+H");

    private RowHistory() {
    }

    /** {@code open} gets the selected row when the planner asks for its history. */
    public static <T> void offer(TableView<T> table, Consumer<? super T> open) {
        MenuItem item = new MenuItem("History…  (Ctrl+H)");
        item.getStyleClass().add("history-item");
        item.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        item.setOnAction(e -> openSelected(table, open));
        RowMenu.of(table).getItems().add(item);
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (KEY.match(e)) {
                e.consume();
                openSelected(table, open);
            }
        });
    }

    private static <T> void openSelected(TableView<T> table, Consumer<? super T> open) {
        T row = table.getSelectionModel().getSelectedItem();
        if (row != null) {
            open.accept(row);
        }
    }
}

package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import java.util.function.Consumer;

/**
 * Enter on a table's selected row opens the row's main action (a batch: Change quantity…; an
 * allocation: its history; a waiting line: the form, filled in), as a double-click does.
 */
public final class RowAction {
    private RowAction() {
    }

    /** {@code action} gets the selected row when Enter is pressed while the table has the focus. */
    public static <T> void onEnter(TableView<T> table, Consumer<? super T> action) {
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown() && !e.isAltDown() && !e.isShiftDown()) {
                T row = table.getSelectionModel().getSelectedItem();
                if (row != null) {
                    e.consume();
                    action.accept(row);
                }
            }
        });
    }
}

package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

/** A table's pager in the window: its text ("Rows 1–200 of 19,868") and the first / previous / next / last buttons. */
public final class PagerButtons {
    private PagerButtons() {
    }

    public static void bind(TablePager<?, ?, ?, ?> pager, ObservableValue<String> text, Label label,
                            Button first, Button previous, Button next, Button last) {
        label.textProperty().bind(text);
        first.disableProperty().bind(pager.canPreviousProperty().not());
        previous.disableProperty().bind(pager.canPreviousProperty().not());
        next.disableProperty().bind(pager.canNextProperty().not());
        last.disableProperty().bind(pager.canNextProperty().not());
        first.setOnAction(e -> pager.first());
        previous.setOnAction(e -> pager.previous());
        next.setOnAction(e -> pager.next());
        last.setOnAction(e -> pager.last());
    }
}

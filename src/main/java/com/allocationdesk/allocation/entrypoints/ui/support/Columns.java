package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;

import java.util.function.Function;

/** Cell values for table columns; numbers are right-aligned and sort as numbers. */
public final class Columns {
    private Columns() {
    }

    public static <S, T> void of(TableColumn<S, T> column, Function<S, T> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }

    public static <S> void number(TableColumn<S, Integer> column, Function<S, Integer> value) {
        of(column, value);
        column.getStyleClass().add("numeric");
    }
}

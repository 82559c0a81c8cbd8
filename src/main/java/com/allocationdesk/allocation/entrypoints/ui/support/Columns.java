package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

import java.util.function.Function;

/**
 * Cell values for table columns; numbers are right-aligned and sort as numbers. A column whose
 * cells show their value otherwise than {@code toString} ({@link #shown}) keeps that rule with it,
 * so what is copied from a row ({@link #text}, {@link TableClipboard}) is what its cell shows.
 */
public final class Columns {
    /** The key under which a column keeps how its cells turn a value into text. */
    private static final String TEXT = Columns.class.getName() + ".text";

    private Columns() {
    }

    public static <S, T> void of(TableColumn<S, T> column, Function<S, T> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }

    public static <S> void number(TableColumn<S, Integer> column, Function<S, Integer> value) {
        of(column, value);
        column.getStyleClass().add("numeric");
    }

    /** A column whose cells show {@code text} of their value (which may be null) instead of the value itself. */
    public static <S, T> void shown(TableColumn<S, T> column, Function<S, T> value, Function<? super T, String> text) {
        of(column, value);
        column.getProperties().put(TEXT, text);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : text.apply(item));
            }
        });
    }

    /** The text the column's cell shows for {@code row}: its {@link #shown} rule, else the value as a default cell shows it. */
    @SuppressWarnings("unchecked")
    public static <S, T> String text(TableColumn<S, T> column, S row) {
        ObservableValue<T> observable = column.getCellObservableValue(row);
        T value = observable == null ? null : observable.getValue();
        Function<? super T, String> text = (Function<? super T, String>) column.getProperties().get(TEXT);
        if (text != null) {
            String shown = text.apply(value);
            return shown == null ? "" : shown;
        }
        return value == null ? "" : value.toString();
    }
}

package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.function.Function;

/**
 * Cell values and cells for table columns, the same in every table: numbers right-aligned, grouped
 * for the planner's locale and sorted as numbers; ETAs "in warehouse" or their date, flagged "late"
 * when past; timestamps in the planner's chosen format ({@link DisplayFormats}). Each column keeps
 * how its cells turn a value into text ({@link #shown}, {@link #text}), so what is copied from a row
 * ({@link TableClipboard}) is what its cell shows.
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
        column.getProperties().put(TEXT, (Function<Integer, String>) number -> number == null ? "" : DisplayFormats.number(number));
        column.getStyleClass().add("numeric");
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Integer number, boolean empty) {
                super.updateItem(number, empty);
                setText(empty || number == null ? null : DisplayFormats.number(number));
            }
        });
    }

    /** An ETA: "in warehouse" when there is none, the date, "2020-01-01 · late" (styled {@code late}) when it is past. */
    public static <S> void eta(TableColumn<S, LocalDate> column, Function<S, LocalDate> value) {
        of(column, value);
        column.getProperties().put(TEXT, (Function<LocalDate, String>) eta -> DisplayFormats.eta(eta, LocalDate.now()));
        column.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        column.setCellFactory(c -> new TableCell<>() {
            private final Tooltip lateTip = new Tooltip("The ETA is in the past: the shipment is late. Its stock still counts.");

            @Override
            protected void updateItem(LocalDate eta, boolean empty) {
                super.updateItem(eta, empty);
                LocalDate today = LocalDate.now();
                boolean late = !empty && DisplayFormats.late(eta, today);
                getStyleClass().remove("late");
                if (late) {
                    getStyleClass().add("late");
                }
                setTooltip(late ? lateTip : null);
                setText(empty ? null : DisplayFormats.eta(eta, today));
            }
        });
    }

    /** A timestamp in the planner's format; the table redraws when the format changes. */
    public static <S> void timestamp(TableColumn<S, Instant> column, Function<S, Instant> value, DisplayFormats formats) {
        // the format's property itself, not the bean: a cell drawn while the window closes must not reach a closed container
        ObservableValue<DisplayFormats.DateTime> format = formats.dateTimeProperty();
        of(column, value);
        column.getProperties().put(TEXT, (Function<Instant, String>) at -> format.getValue().format(at));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant at, boolean empty) {
                super.updateItem(at, empty);
                setText(empty || at == null ? null : format.getValue().format(at));
            }
        });
        column.tableViewProperty().addListener((obs, old, table) -> redrawOnChange(table, format));
        redrawOnChange(column.getTableView(), format);
    }

    private static void redrawOnChange(TableView<?> table, ObservableValue<DisplayFormats.DateTime> format) {
        if (table != null) {
            format.addListener((obs, old, now) -> table.refresh());
        }
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

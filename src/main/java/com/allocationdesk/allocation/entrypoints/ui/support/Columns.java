package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.beans.property.ReadOnlyObjectWrapper;
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
 * when past; timestamps in the planner's chosen format ({@link DisplayFormats}).
 */
public final class Columns {
    private Columns() {
    }

    public static <S, T> void of(TableColumn<S, T> column, Function<S, T> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }

    public static <S> void number(TableColumn<S, Integer> column, Function<S, Integer> value) {
        of(column, value);
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
        of(column, value);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant at, boolean empty) {
                super.updateItem(at, empty);
                setText(empty || at == null ? null : formats.timestamp(at));
            }
        });
        column.tableViewProperty().addListener((obs, old, table) -> redrawOnChange(table, formats));
        redrawOnChange(column.getTableView(), formats);
    }

    private static void redrawOnChange(TableView<?> table, DisplayFormats formats) {
        if (table != null) {
            formats.dateTimeProperty().addListener((obs, old, now) -> table.refresh());
        }
    }
}

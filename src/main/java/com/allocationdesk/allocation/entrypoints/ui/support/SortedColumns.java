package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.queries.Sort;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.Map;

/**
 * Hands a table's header clicks to its view model: the table never sorts its items (it holds one
 * page of rows the database sorted over all of them); a click sets the view model's sort, which
 * reads the first page in that order, and the header shows the view model's sort (its arrow). Only
 * the columns mapped to a query's sort column can be clicked to sort; a third click on a column,
 * which leaves a TableView unsorted, goes back to the table's default order.
 */
public final class SortedColumns {
    private SortedColumns() {
    }

    public static <R, C extends Enum<C>> void handOver(TableView<R> table, Map<TableColumn<R, ?>, C> columns,
                                                       ObjectProperty<Sort<C>> sort, Sort<C> defaultSort) {
        for (TableColumn<R, ?> column : table.getColumns()) {
            column.setSortable(columns.containsKey(column));
        }
        boolean[] showing = {true}; // setting the policy runs it on today's (empty) sort order: not a click
        table.setSortPolicy(t -> {
            if (!showing[0]) {
                Sort<C> asked = t.getSortOrder().isEmpty() ? defaultSort : sortOf(t.getSortOrder().get(0), columns);
                if (asked != null && !asked.equals(sort.get())) {
                    sort.set(asked);
                }
            }
            return true; // sorted: by the database
        });
        showing[0] = false;
        Runnable show = () -> {
            Sort<C> now = sort.get();
            showing[0] = true;
            try {
                columns.forEach((column, name) -> {
                    if (name == now.column()) {
                        column.setSortType(now.descending() ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
                        table.getSortOrder().setAll(java.util.List.of(column));
                    }
                });
            } finally {
                showing[0] = false;
            }
        };
        show.run();
        sort.addListener((obs, old, now) -> show.run());
    }

    private static <R, C extends Enum<C>> Sort<C> sortOf(TableColumn<R, ?> column, Map<TableColumn<R, ?>, C> columns) {
        C name = columns.get(column);
        if (name == null) {
            return null;
        }
        return column.getSortType() == TableColumn.SortType.DESCENDING ? Sort.descending(name) : Sort.ascending(name);
    }
}

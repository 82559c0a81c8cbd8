package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.scene.control.Control;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.MultipleSelectionModel;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Copying rows out of the window. Every table and list lets the planner select several rows (Shift
 * and Ctrl with the mouse or the arrows) and copy them with Ctrl+C or the rows' context menu
 * ({@link RowMenu}): tab-separated text, a header line first, one line per selected row in the order
 * the table shows them, each value as its cell shows it ({@link Columns#text}). A spreadsheet pastes
 * it into columns. The text is made by {@link #tsv} (plain, tested alone); only {@link #copy} touches
 * the clipboard.
 */
public final class TableClipboard {
    /** The key that copies the selected rows, while the table has the focus. */
    public static final KeyCombination KEY = KeyCombination.keyCombination("Shortcut+C");
    /** The context menu's item. */
    public static final String COPY = "Copy  (Ctrl+C)";

    private TableClipboard() {
    }

    /**
     * The text a spreadsheet pastes into columns: the header line, then each row, its cells ({@link #cell})
     * separated by tabs, every line ended by a line feed.
     */
    public static String tsv(List<String> headers, List<? extends List<String>> rows) {
        StringBuilder text = new StringBuilder();
        line(text, headers);
        rows.forEach(row -> line(text, row));
        return text.toString();
    }

    /**
     * One value as a cell of {@link #tsv}: a tab or a line break inside it becomes a space, so the
     * columns never shift; a value with a double quote is quoted, its quotes doubled (as spreadsheets
     * copy and paste such a value); null is empty. Any other character (accents, CJK, emoji) is kept.
     */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String flat = value.replace("\r\n", " ").replaceAll("[\\t\\n\\u000B\\f\\r\\u0085\\u2028\\u2029]", " ");
        return flat.indexOf('"') < 0 ? flat : '"' + flat.replace("\"", "\"\"") + '"';
    }

    private static void line(StringBuilder text, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append('\t');
            }
            text.append(cell(cells.get(i)));
        }
        text.append('\n');
    }

    /** The selected rows of {@code table} as {@link #tsv}: its visible columns in their order, the rows in the table's order. */
    public static <T> String selectedText(TableView<T> table) {
        List<TableColumn<T, ?>> columns = List.copyOf(table.getVisibleLeafColumns());
        List<String> headers = columns.stream().map(TableColumn::getText).toList();
        List<List<String>> rows = selected(table.getSelectionModel(), table.getItems()).stream()
                .map(row -> columns.stream().map(column -> Columns.text(column, row)).toList())
                .toList();
        return tsv(headers, rows);
    }

    /** The selected rows of {@code list} as {@link #tsv}, each row's cells made by {@code cells}. */
    public static <T> String selectedText(ListView<T> list, List<String> headers, Function<? super T, List<String>> cells) {
        return tsv(headers, selected(list.getSelectionModel(), list.getItems()).stream().<List<String>>map(cells::apply).toList());
    }

    /** The table's rows become several-selectable and copyable (Ctrl+C, and Copy first in its row menu). */
    public static <T> void install(TableView<T> table) {
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        offer(table, table.getSelectionModel().getSelectedIndices(), () -> selectedText(table));
    }

    /** The list's rows become several-selectable and copyable under {@code headers}, each row's cells made by {@code cells}. */
    public static <T> void install(ListView<T> list, List<String> headers, Function<? super T, List<String>> cells) {
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        offer(list, list.getSelectionModel().getSelectedIndices(), () -> selectedText(list, headers, cells));
    }

    private static void offer(Control control, ObservableList<Integer> selected, Supplier<String> text) {
        MenuItem item = new MenuItem(COPY);
        item.getStyleClass().add("copy-item");
        item.disableProperty().bind(Bindings.isEmpty(selected));
        item.setOnAction(e -> copyUnlessEmpty(selected, text));
        RowMenu.of(control).getItems().add(0, item);
        control.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (KEY.match(e)) {
                e.consume();
                copyUnlessEmpty(selected, text);
            }
        });
    }

    private static void copyUnlessEmpty(List<Integer> selected, Supplier<String> text) {
        if (!selected.isEmpty()) {
            copy(text.get());
        }
    }

    /** Puts {@code text} on the system clipboard as plain text. FX thread. */
    public static void copy(String text) {
        Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, text));
    }

    private static <T> List<T> selected(MultipleSelectionModel<T> selection, List<T> items) {
        List<T> rows = new ArrayList<>();
        selection.getSelectedIndices().stream().filter(i -> i >= 0 && i < items.size()).sorted().distinct()
                .forEach(i -> rows.add(items.get(i)));
        return rows;
    }
}

package com.allocationdesk.allocation.entrypoints.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** An aligned text table: text columns left, number columns right. */
final class Table {
    private final List<String> headers;
    private final boolean[] numeric;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers, boolean[] numeric) {
        this.headers = headers;
        this.numeric = numeric;
    }

    /** Headers ending in {@code >} are right-aligned (numbers); the marker is not printed. */
    static Table of(String... headers) {
        boolean[] numeric = new boolean[headers.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < headers.length; i++) {
            numeric[i] = headers[i].endsWith(">");
            names.add(numeric[i] ? headers[i].substring(0, headers[i].length() - 1) : headers[i]);
        }
        return new Table(names, numeric);
    }

    Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(out, headers, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        out.flush();
    }

    private void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            if (i > 0) {
                line.append("  ");
            }
            line.append(numeric[i] ? padding + cell : cell + padding);
        }
        out.println(line.toString().stripTrailing());
    }
}

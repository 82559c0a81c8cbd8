package com.allocationdesk.allocation.entrypoints.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How an import ended.
 *
 * @param rows     rows in the file (when cancelled while checking: the rows checked by then)
 * @param imported rows imported (committed); 0 unless {@link Status#DONE} or {@link Status#CANCELLED}
 * @param problems the bad rows, in file order ({@link Status#REJECTED} only): all of them, or the first
 *                 1,000 when there are more (the summary says how many there are)
 * @param summary  one sentence for the planner: what was imported, or why nothing / not all was
 * @param waiting  the imported order lines that found no stock and wait ({@link Waiting#NONE} for batches)
 */
public record ImportReport(Status status, Path file, long rows, long imported, List<ImportProblem> problems,
                           String summary, Waiting waiting) {
    /**
     * The lines an order import left waiting for stock, and their SKUs, those with the most waiting
     * lines first (then by name).
     */
    public record Waiting(long lines, List<String> skus) {
        public static final Waiting NONE = new Waiting(0, List.of());

        public Waiting {
            skus = List.copyOf(skus);
        }

        /** @param linesPerSku how many lines of each SKU wait */
        public static Waiting of(Map<String, Long> linesPerSku) {
            List<String> skus = linesPerSku.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList();
            return new Waiting(linesPerSku.values().stream().mapToLong(Long::longValue).sum(), skus);
        }

        /** "CHAIR", "CHAIR and LAMP", "CHAIR, LAMP and 3 more SKUs". */
        public String skuList() {
            return switch (skus.size()) {
                case 0 -> "";
                case 1 -> skus.get(0);
                case 2 -> skus.get(0) + " and " + skus.get(1);
                default -> skus.get(0) + ", " + skus.get(1) + " and " + (skus.size() - 2) + " more SKU"
                        + (skus.size() == 3 ? "" : "s");
            };
        }
    }

    /** A report whose import left no line waiting. */
    public ImportReport(Status status, Path file, long rows, long imported, List<ImportProblem> problems,
                        String summary) {
        this(status, file, rows, imported, problems, summary, Waiting.NONE);
    }

    public enum Status {
        /** Every row is in. */
        DONE,
        /** Some rows are bad: nothing was imported. */
        REJECTED,
        /** Stopped between two chunks: {@link #imported()} rows are in, importing the same file again finishes it. */
        CANCELLED
    }

    public ImportReport {
        problems = List.copyOf(problems);
        waiting = waiting == null ? Waiting.NONE : waiting;
    }

    /** This report, with the lines the import left waiting. */
    ImportReport leaving(Waiting lines) {
        return new ImportReport(status, file, rows, imported, problems, summary, lines);
    }

    /**
     * The window's one alert for the import, instead of a banner per line: "Import of orders.csv:
     * 132 lines wait for stock (CHAIR, LAMP and 3 more SKUs)"; empty when no line waits.
     */
    public String waitingSummary() {
        if (waiting.lines() == 0) {
            return "";
        }
        return "Import of " + file.getFileName() + ": " + waiting.lines() + (waiting.lines() == 1 ? " line waits" : " lines wait")
                + " for stock (" + waiting.skuList() + ")";
    }

    static ImportReport done(Path file, long rows, String summary) {
        return new ImportReport(Status.DONE, file, rows, rows, List.of(), summary);
    }

    /** @param bad how many rows are bad; {@code problems} lists them, or the first of them */
    static ImportReport rejected(Path file, long rows, long bad, List<ImportProblem> problems) {
        String listed = problems.size() < bad ? " (the first " + problems.size() + " are listed)" : "";
        return new ImportReport(Status.REJECTED, file, rows, 0, problems, bad + " bad row" + (bad == 1 ? "" : "s")
                + " in " + file + listed + "; nothing was imported");
    }

    static ImportReport cancelled(Path file, long rows, long imported, boolean whileChecking) {
        String summary;
        if (imported == 0) {
            summary = "Import cancelled " + (whileChecking ? "while checking " : "before importing ") + file
                    + ": nothing was imported";
        } else {
            summary = "Import cancelled after " + imported + " of " + rows + " rows of " + file
                    + ": those rows are in, the others are not. Import the same file again to finish it;"
                    + " the rows already in are not imported twice.";
        }
        return new ImportReport(Status.CANCELLED, file, rows, imported, List.of(), summary);
    }
}

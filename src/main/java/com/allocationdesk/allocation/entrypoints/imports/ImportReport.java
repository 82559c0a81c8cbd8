package com.allocationdesk.allocation.entrypoints.imports;

import java.nio.file.Path;
import java.util.List;

/**
 * How an import ended.
 *
 * @param rows     rows in the file (when cancelled while checking: the rows checked by then)
 * @param imported rows imported (committed); 0 unless {@link Status#DONE} or {@link Status#CANCELLED}
 * @param problems the bad rows, in file order ({@link Status#REJECTED} only): all of them, or the first
 *                 1,000 when there are more (the summary says how many there are)
 * @param summary  one sentence for the planner: what was imported, or why nothing / not all was
 */
public record ImportReport(Status status, Path file, long rows, long imported, List<ImportProblem> problems,
                           String summary) {
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

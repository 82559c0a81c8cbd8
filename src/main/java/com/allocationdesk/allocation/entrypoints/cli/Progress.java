package com.allocationdesk.allocation.entrypoints.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Progress of an import on stderr, every {@value #EVERY} rows. */
final class Progress {
    static final int EVERY = 10_000;

    private final PrintWriter err;
    private long lastReported;

    Progress(PrintWriter err) {
        this.err = err;
    }

    void checked(long line) {
        long rows = line - 1;
        if (rows > 0 && rows % EVERY == 0) {
            err.println("Checked " + rows + " rows");
            err.flush();
        }
    }

    void imported(long done, long total) {
        if (done / EVERY > lastReported / EVERY || done == total) {
            err.println("Imported " + done + " of " + total + " rows");
            err.flush();
        }
        lastReported = done;
    }

    /** Every bad row on stderr, one per line; the last line sums up. */
    static BadInput rejected(List<String> errors, Path file) {
        StringBuilder all = new StringBuilder();
        for (String error : errors) {
            all.append(file).append(": ").append(error).append(System.lineSeparator());
        }
        return new BadInput(all + (errors.size() + " bad row" + (errors.size() == 1 ? "" : "s") + " in " + file
                + "; nothing was imported"), true);
    }
}

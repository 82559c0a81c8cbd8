package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.entrypoints.imports.ImportProblem;
import com.allocationdesk.allocation.entrypoints.imports.ImportProgress;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;
import com.allocationdesk.allocation.entrypoints.imports.PartlyImported;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Progress of an import on stderr, every {@value #EVERY} rows; and how an import ended, as an exit code. */
final class Progress implements ImportProgress {
    static final int EVERY = 10_000;

    private final PrintWriter err;
    private final int chunk;
    private long lastReported;

    Progress(PrintWriter err, int chunk) {
        this.err = err;
        this.chunk = chunk;
    }

    @Override
    public void checked(long rows) {
        if (rows % EVERY == 0) {
            Terminal.tell(err, "Checked " + rows + " rows");
        }
    }

    @Override
    public void imported(long done, long total) {
        if (done % chunk != 0) {
            return; // the last, partial chunk: the summary follows at once
        }
        if (done / EVERY > lastReported / EVERY || done == total) {
            Terminal.tell(err, "Imported " + done + " of " + total + " rows");
        }
        lastReported = done;
    }

    /**
     * Runs an import and tells how it ended ({@link #finish}). One that failed after some rows were
     * committed says how many are in, never "nothing changed": exit 4 when the database could not
     * be used any more, otherwise 1 (with the log's location when the reason is not a planner's).
     */
    static int run(Supplier<ImportReport> importer, PrintWriter out, PrintWriter err, Path logFile) {
        ImportReport report;
        try {
            report = importer.get();
        } catch (PartlyImported e) {
            Terminal.tell(err, e.getMessage() + (e.unexpected() ? " Details are in " + logFile : ""));
            return e.databaseUnavailable() ? ExitCode.DATABASE_UNAVAILABLE : ExitCode.UNEXPECTED;
        }
        return finish(report, out);
    }

    /** The summary on stdout (exit 0), or every bad row on stderr, one per line, the last line summing up (exit 2). */
    static int finish(ImportReport report, PrintWriter out) {
        if (report.status() == ImportReport.Status.REJECTED) {
            List<String> lines = new ArrayList<>();
            for (ImportProblem problem : report.problems()) {
                lines.add(report.file() + ": " + problem);
            }
            lines.add(report.summary());
            throw new BadInput(lines);
        }
        out.println(report.summary());
        out.flush();
        return ExitCode.OK;
    }
}

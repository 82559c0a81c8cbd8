package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.entrypoints.imports.ImportProblem;
import com.allocationdesk.allocation.entrypoints.imports.ImportProgress;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

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

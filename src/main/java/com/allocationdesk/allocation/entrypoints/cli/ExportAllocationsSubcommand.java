package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.exports.CsvExport;
import com.allocationdesk.allocation.entrypoints.exports.ExportColumns;
import com.allocationdesk.allocation.entrypoints.exports.ExportFailed;
import com.allocationdesk.allocation.queries.AllocationsQuery;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * {@code export-allocations FILE.csv}: every allocation as {@code orderid,sku,qty,batchref}, by
 * order id, streamed ({@link CsvExport}, which the window's File ▸ Export uses too): written to a
 * temporary file next to the target and moved into place, so the file is never half-written. FILE
 * must be a regular file or a name for a new one; a symbolic link is followed and the file it leads
 * to is written (the link stays). A folder, a device, a named pipe or a socket is refused, and left
 * as it was.
 */
@Command(name = "export-allocations", mixinStandardHelpOptions = true,
        description = "Write every allocation to a CSV file (orderid,sku,qty,batchref).")
final class ExportAllocationsSubcommand extends ReadSubcommands.ReadOnly {
    @Parameters(index = "0", paramLabel = "FILE.csv")
    private Path file;

    @Override
    protected int execute(Bootstrap app) {
        CsvExport.Outcome outcome;
        try {
            outcome = CsvExport.write(file, ExportColumns.ALLOCATIONS, app.get(AllocationsQuery.class)::forEach, CsvExport.QUIET);
        } catch (ExportFailed e) {
            throw new BadInput(e.getMessage(), e);
        }
        say("Exported " + (outcome.rows() == 1 ? "1 allocation" : outcome.rows() + " allocations") + " to " + file);
        return ExitCode.OK;
    }
}

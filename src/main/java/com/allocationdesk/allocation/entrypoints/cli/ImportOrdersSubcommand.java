package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.imports.ImportProgress;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;
import com.allocationdesk.allocation.entrypoints.imports.OrderImport;

import picocli.CommandLine.Command;

import java.nio.file.Path;

/**
 * {@code import-orders FILE.csv}: runs the shared {@link OrderImport} (the whole file checked first,
 * nothing allocated if a row is bad, then chunks of one transaction each; allocation is idempotent,
 * so re-running an interrupted import finishes it), with progress on stderr and the summary of
 * allocated / out of stock on stdout.
 */
@Command(name = "import-orders", mixinStandardHelpOptions = true,
        description = {"Allocate every order line of a CSV file with the header orderid,sku,qty.",
                "Prints how many lines were allocated and how many wait for stock."})
final class ImportOrdersSubcommand extends ImportSubcommand {
    @Override
    protected ImportReport importFile(Bootstrap app, Path file, int chunk, ImportProgress progress) {
        return app.get(OrderImport.class).run(file, chunk, progress, () -> false);
    }
}

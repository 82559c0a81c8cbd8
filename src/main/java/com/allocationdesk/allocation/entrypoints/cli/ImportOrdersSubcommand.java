package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.imports.OrderImport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
final class ImportOrdersSubcommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "FILE.csv")
    private Path file;
    @Option(names = "--chunk", paramLabel = "N", defaultValue = "500", hidden = true, converter = Arguments.ChunkSize.class)
    private int chunk;

    @Override
    protected int execute(Bootstrap app) {
        Progress progress = new Progress(spec.commandLine().getErr(), chunk);
        return Progress.run(() -> app.get(OrderImport.class).run(file, chunk, progress, () -> false), out(),
                spec.commandLine().getErr(), root.logFile());
    }
}

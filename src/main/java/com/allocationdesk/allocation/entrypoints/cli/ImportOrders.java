package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.entrypoints.imports.OrderImport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code import-orders FILE.csv}: runs the shared {@link OrderImport} (the whole file checked first,
 * nothing allocated if a row is bad, then chunks of one transaction each; allocation is idempotent,
 * so re-running an interrupted import finishes it), with progress on stderr and the summary of
 * allocated / out of stock on stdout.
 */
@Command(name = "import-orders", mixinStandardHelpOptions = true,
        description = {"Allocate every order line of a CSV file with the header orderid,sku,qty.",
                "Prints how many lines were allocated and how many wait for stock."})
final class ImportOrders implements Callable<Integer> {
    @ParentCommand
    private AllocationDeskCommand root;
    @Spec
    private CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FILE.csv")
    private Path file;
    @Option(names = "--chunk", paramLabel = "N", defaultValue = "500", hidden = true)
    private int chunk;

    @Override
    public Integer call() {
        return root.run(spec, app -> Progress.finish(app.get(OrderImport.class).run(file, chunk,
                new Progress(spec.commandLine().getErr(), chunk), () -> false), spec.commandLine().getOut()));
    }
}

package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.entrypoints.imports.BatchImport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code import-batches FILE.csv}: runs the shared {@link BatchImport} (the whole file checked first,
 * nothing imported if a row is bad, then chunks of one transaction each; identical batches already
 * there are skipped), with progress on stderr and the summary on stdout.
 */
@Command(name = "import-batches", mixinStandardHelpOptions = true,
        description = "Import batches from a CSV file with the header ref,sku,qty,eta (eta may be empty).")
final class ImportBatches implements Callable<Integer> {
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
        return root.run(spec, app -> Progress.finish(app.get(BatchImport.class).run(file, chunk,
                new Progress(spec.commandLine().getErr(), chunk), () -> false), spec.commandLine().getOut()));
    }
}

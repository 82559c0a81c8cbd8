package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.imports.BatchImport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * {@code import-batches FILE.csv}: runs the shared {@link BatchImport} (the whole file checked first,
 * nothing imported if a row is bad, then chunks of one transaction each; identical batches already
 * there are skipped), with progress on stderr and the summary on stdout.
 */
@Command(name = "import-batches", mixinStandardHelpOptions = true,
        description = "Import batches from a CSV file with the header ref,sku,qty,eta (eta may be empty).")
final class ImportBatchesSubcommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "FILE.csv")
    private Path file;
    @Option(names = "--chunk", paramLabel = "N", defaultValue = "500", hidden = true, converter = Arguments.ChunkSize.class)
    private int chunk;

    @Override
    protected int execute(Bootstrap app) {
        Progress progress = new Progress(spec.commandLine().getErr(), chunk);
        return Progress.run(() -> app.get(BatchImport.class).run(file, chunk, progress, () -> false), out(),
                spec.commandLine().getErr(), root.logFile());
    }
}

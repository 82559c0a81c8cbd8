package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.imports.ImportProgress;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * What {@code import-batches} and {@code import-orders} share: the file, the hidden {@code --chunk},
 * progress on stderr and the summary on stdout ({@link Progress}); each says which import it runs.
 */
abstract class ImportSubcommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "FILE.csv")
    private Path file;
    @Option(names = "--chunk", paramLabel = "N", defaultValue = "500", hidden = true, converter = Arguments.ChunkSize.class)
    private int chunk;

    /** Runs this subcommand's import of {@code file} in chunks of {@code chunk} rows. */
    protected abstract ImportReport importFile(Bootstrap app, Path file, int chunk, ImportProgress progress);

    @Override
    protected final int execute(Bootstrap app) {
        Progress progress = new Progress(spec.commandLine().getErr(), chunk);
        return Progress.run(() -> importFile(app, file, chunk, progress), out(), spec.commandLine().getErr(),
                root.logFile());
    }
}

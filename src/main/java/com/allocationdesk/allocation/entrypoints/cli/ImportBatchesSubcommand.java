package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.imports.BatchImport;
import com.allocationdesk.allocation.entrypoints.imports.ImportProgress;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;

import picocli.CommandLine.Command;

import java.nio.file.Path;

/**
 * {@code import-batches FILE.csv}: runs the shared {@link BatchImport} (the whole file checked first,
 * nothing imported if a row is bad, then chunks of one transaction each; identical batches already
 * there are skipped), with progress on stderr and the summary on stdout.
 */
@Command(name = "import-batches", mixinStandardHelpOptions = true,
        description = "Import batches from a CSV file with the header ref,sku,qty,eta (eta may be empty).")
final class ImportBatchesSubcommand extends ImportSubcommand {
    @Override
    protected ImportReport importFile(Bootstrap app, Path file, int chunk, ImportProgress progress) {
        return app.get(BatchImport.class).run(file, chunk, progress, () -> false);
    }
}

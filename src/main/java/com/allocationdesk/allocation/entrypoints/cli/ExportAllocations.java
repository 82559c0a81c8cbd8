package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.views.AllocationsQuery;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code export-allocations FILE.csv}: every allocation as {@code orderid,sku,qty,batchref}, by
 * order id, streamed. Written to a temporary file next to the target and moved into place, so the
 * file is never half-written.
 */
@Command(name = "export-allocations", mixinStandardHelpOptions = true,
        description = "Write every allocation to a CSV file (orderid,sku,qty,batchref).")
final class ExportAllocations extends ReadSubcommands.ReadOnly {
    @Parameters(index = "0", paramLabel = "FILE.csv")
    private Path file;

    @Override
    protected int execute(Bootstrap app) {
        Path target = file.toAbsolutePath();
        Path temporary;
        try {
            temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        } catch (IOException e) {
            throw new BadInput("Cannot write " + file + ": " + e.getMessage(), e);
        }
        long[] rows = {0};
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                         .setHeader("orderid", "sku", "qty", "batchref").setRecordSeparator("\n").get())) {
                app.get(AllocationsQuery.class).forEach(a -> {
                    try {
                        csv.printRecord(a.orderId(), a.sku(), a.quantity(), a.batchReference());
                        rows[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            throw new BadInput("Cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // best effort: a leftover .part file is harmless
            }
        }
        say("Exported " + rows[0] + " allocations to " + file);
        return ExitCode.OK;
    }
}

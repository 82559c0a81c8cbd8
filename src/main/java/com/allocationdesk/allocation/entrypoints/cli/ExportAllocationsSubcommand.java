package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.queries.AllocationsQuery;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code export-allocations FILE.csv}: every allocation as {@code orderid,sku,qty,batchref}, by
 * order id, streamed. Written to a temporary file next to the target and moved into place, so the
 * file is never half-written. FILE must be a regular file or a name for a new one; a symbolic link
 * is followed and the file it leads to is written (the link stays). A folder, a device, a named
 * pipe or a socket is refused, and left as it was: the move would replace it.
 */
@Command(name = "export-allocations", mixinStandardHelpOptions = true,
        description = "Write every allocation to a CSV file (orderid,sku,qty,batchref).")
final class ExportAllocationsSubcommand extends ReadSubcommands.ReadOnly {
    private static final Logger log = LoggerFactory.getLogger(ExportAllocationsSubcommand.class);
    /** Symbolic links followed at most, as the kernel does (ELOOP). */
    private static final int MAX_LINKS = 40;

    @Parameters(index = "0", paramLabel = "FILE.csv")
    private Path file;

    @Override
    protected int execute(Bootstrap app) {
        Path target = regularFile(file);
        Path temporary;
        try {
            temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        } catch (IOException e) {
            throw cannotWrite(e);
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
        } catch (IOException e) {
            throw cannotWrite(e);
        } catch (UncheckedIOException e) {
            throw cannotWrite(e.getCause());
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

    /**
     * The regular file to replace: {@code file} itself, or where its symbolic links lead. Refuses
     * what is not a regular file and a file whose folder does not exist.
     */
    private Path regularFile(Path given) {
        Path target = given.toAbsolutePath();
        try {
            for (int links = 0; Files.isSymbolicLink(target); links++) {
                if (links == MAX_LINKS) {
                    throw new BadInput("Cannot write " + given + ": its symbolic links go round in a circle");
                }
                target = target.resolveSibling(Files.readSymbolicLink(target));
            }
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new BadInput("Cannot write " + given + ": the folder " + (folder == null ? target : folder)
                    + " does not exist");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            String what = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? "a folder" : "a device, a named pipe or a socket";
            throw new BadInput("Cannot write " + given + (target.equals(given.toAbsolutePath()) ? "" : " (a link to " + target + ")")
                    + ": it is " + what + ", not a file; give the name of a CSV file");
        }
        return target;
    }

    /** A write that failed: the operating system's reason in a few words, the details in the log. */
    private BadInput cannotWrite(IOException e) {
        log.warn("Cannot write {}", file, e);
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            why = "the folder does not exist";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            why = fse.getReason();
        } else {
            why = "the disk could not be written";
        }
        return new BadInput("Cannot write " + file + ": " + why);
    }
}

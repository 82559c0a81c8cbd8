package com.allocationdesk.allocation.entrypoints.imports;

import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an import keeps its private temporary files: the copy of the file it checks and imports
 * ({@link Spool}) and the sorted runs of keys it looks for duplicates in ({@link DuplicateKeys}).
 * <p>
 * Next to the database, not in {@code java.io.tmpdir}: the database folder must take the import's
 * data anyway (HSQLDB's log grows by more than the CSV file while it is imported), so a copy that
 * does not fit there is found out before anything is imported; {@code /tmp} is often a small,
 * memory-backed tmpfs. The files are named {@code NAME.import-*.tmp} after the database file
 * {@code NAME}, readable by the owner only, and deleted when the import ends, however it ends.
 * One a killed process left behind is deleted by the next import on the same database: only
 * one process can have a database open, so no other process can be using it.
 */
public record Scratch(Path folder, String prefix) {
    private static final Logger log = LoggerFactory.getLogger(Scratch.class);
    private static final String SUFFIX = ".tmp";
    /** Files of imports running in this JVM: never cleaned up as left behind. */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

    public Scratch {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(prefix, "prefix");
    }

    /** The folder of the database file {@code databasePath} (HSQLDB's path without suffixes). */
    public static Scratch nextTo(Path databasePath) {
        Path absolute = databasePath.toAbsolutePath();
        return new Scratch(absolute.getParent(), absolute.getFileName() + ".import-");
    }

    /** A new empty file, owner-only where the file system has POSIX permissions. */
    Path newFile(String what) throws IOException {
        Files.createDirectories(folder);
        for (int attempt = 0; ; attempt++) {
            Path file = folder.resolve(prefix + UUID.randomUUID().toString().substring(0, 8) + "." + what + SUFFIX);
            try {
                IN_USE.add(file);
                if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.newOutputStream(file, StandardOpenOption.CREATE_NEW).close();
                }
                return file;
            } catch (FileAlreadyExistsException e) {
                IN_USE.remove(file);
                if (attempt > 10) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                IN_USE.remove(file);
                throw e;
            }
        }
    }

    /**
     * A temporary file could not be written (the disk is full, the folder unwritable): told as the
     * database folder it is, exit code 4. Only ever thrown before anything is imported.
     */
    DatabaseUnavailable cannotWrite(Path file, IOException e) {
        String message = e.getMessage();
        String reason = message == null || message.isBlank() ? "a write error"
                : message.contains("No space left") ? "the disk is full"
                : e instanceof AccessDeniedException ? "permission denied"
                : CsvFile.oneLine(message);
        return new DatabaseUnavailable("Cannot write to the database folder "
                + folder + " (importing " + file + " keeps a temporary copy there): " + reason
                + ". Nothing was imported.", e);
    }

    /** Deletes a file of ours; a failure is logged, not thrown (it is cleaned up by the next import). */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the temporary import file {}", file, e);
        } finally {
            IN_USE.remove(file);
        }
    }

    /** Deletes what an import killed earlier left behind. */
    void deleteLeftovers() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob(prefix) + "*" + SUFFIX)) {
            for (Path file : files) {
                if (!IN_USE.contains(file) && Files.isRegularFile(file)) {
                    log.info("Deleting {}, left behind by an import that did not finish", file);
                    delete(file);
                }
            }
        } catch (IOException e) {
            log.warn("Could not look for temporary import files left behind in {}", folder, e);
        }
    }

    private static String glob(String literal) {
        return literal.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }
}

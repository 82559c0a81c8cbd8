package com.allocationdesk.allocation.entrypoints.ui.connections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * The window's settings of one database, {@code PATH.settings} beside its files
 * ({@code allocation-desk.settings} for the default database; a Java properties file). Named after
 * the database, not the folder: the outbox's progress is the database's, so two databases in one
 * folder must not share an outbox; and not {@code *.properties}, which is HSQLDB's own file of a
 * database of that name ({@code desk.properties} is the database {@code desk}'s).
 * <p>
 * Read whole, written whole and atomically — under a temporary name in the same folder, flushed to
 * the disk, then renamed over the old file — so a crash or a full disk leaves the old settings or
 * the new ones, never half a file. Keys this version does not know are kept.
 */
final class SettingsFile {
    static final String SUFFIX = ".settings";
    private static final Logger log = LoggerFactory.getLogger(SettingsFile.class);

    private final Path file;

    SettingsFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** The file for a database at {@code databasePath}. */
    static SettingsFile besides(Path databasePath) {
        Path database = databasePath.toAbsolutePath();
        return new SettingsFile(database.resolveSibling(database.getFileName() + SUFFIX));
    }

    Path file() {
        return file;
    }

    /** What the file says; nothing when there is none, or when it cannot be read (logged). */
    Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            return properties;
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Ignoring the unreadable settings file {}: {}", file, e.toString());
            return new Properties();
        }
        return properties;
    }

    /** Replaces the file with {@code properties}, atomically. */
    void store(Properties properties) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(channel)) {
                properties.store(out, "Allocation Desk settings (Tools > Connections...)");
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException gone) {
                e.addSuppressed(gone);
            }
            throw e;
        }
    }
}

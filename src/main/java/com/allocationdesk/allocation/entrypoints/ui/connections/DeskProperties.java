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
 * The window's settings file, {@code desk.properties} next to the database (as
 * {@code window.properties} is): read whole, written whole and atomically — under a temporary name
 * in the same folder, flushed to the disk, then renamed over the old file — so a crash or a full
 * disk leaves the old settings or the new ones, never half a file. Keys this version does not know
 * are kept.
 */
final class DeskProperties {
    static final String FILE_NAME = "desk.properties";
    private static final Logger log = LoggerFactory.getLogger(DeskProperties.class);

    private final Path file;

    DeskProperties(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** The file for a database at {@code databasePath}. */
    static DeskProperties besides(Path databasePath) {
        Path parent = databasePath.toAbsolutePath().getParent();
        return new DeskProperties((parent == null ? Path.of(".") : parent).resolve(FILE_NAME));
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
        Path temporary = file.resolveSibling("." + FILE_NAME + ".tmp");
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

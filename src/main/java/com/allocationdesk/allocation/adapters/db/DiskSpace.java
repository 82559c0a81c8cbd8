package com.allocationdesk.allocation.adapters.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Free space on the file system of the database's folder, as the free-space floor reads it. */
final class DiskSpace {
    private static final Logger log = LoggerFactory.getLogger(DiskSpace.class);

    private DiskSpace() {
    }

    static long freeBytesOf(Path folder) {
        return usableSpace(fileStoreOf(folder));
    }

    /** Free bytes for us on the store; unknown (no floor can apply) counts as plenty. */
    static long usableSpace(FileStore store) {
        if (store == null) {
            return Long.MAX_VALUE;
        }
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            log.debug("Reading the free space of {}", store, e);
            return Long.MAX_VALUE;
        }
    }

    static FileStore fileStoreOf(Path folder) {
        try {
            return Files.getFileStore(folder);
        } catch (IOException e) {
            log.warn("Cannot tell the free space of {}; no free-space floor", folder, e);
            return null;
        }
    }

    static String megabytes(long bytes) {
        return bytes == Long.MAX_VALUE ? "unknown" : String.format(Locale.ROOT, "%,.1f MB", bytes / 1_048_576.0);
    }

    /** The size of a file of the database; 0 when it is not there. */
    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

}

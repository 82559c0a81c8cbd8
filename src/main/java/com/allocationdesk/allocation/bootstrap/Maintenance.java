package com.allocationdesk.allocation.bootstrap;

import com.allocationdesk.allocation.adapters.db.Backups;
import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import java.nio.file.Path;
import java.util.List;

/**
 * The database's care, for the command line's {@code check} and {@code restore}: both work on a
 * database the application refuses to open (that is when they are needed), so they do not start it.
 */
public final class Maintenance {
    private Maintenance() {
    }

    /** The full consistency check, read-only; empty when the database is healthy. */
    public static List<String> check(Path database) {
        return Database.check(database);
    }

    /** What a restore did. */
    public record Restored(String backup, Path setAside, List<String> problems) {
    }

    /**
     * Puts a backup (a folder, or the name of one in {@code PATH.backups}) in place of the database.
     *
     * @throws DatabaseUnavailable when the database is open elsewhere or the backup is not there
     */
    public static Restored restore(Path database, String backup) {
        Backups.Restored restored = Backups.restore(database.toAbsolutePath().normalize(), backup);
        return new Restored(restored.backup().getFileName().toString(), restored.setAside(), restored.problems());
    }

    /** The complete backups of the database, newest first. */
    public static List<Path> backups(Path database) {
        return Backups.list(database.toAbsolutePath().normalize());
    }
}

package com.allocationdesk.allocation.bootstrap;

import com.allocationdesk.allocation.adapters.db.Backups;
import com.allocationdesk.allocation.adapters.db.DataLocation;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the application is started with. Handed to the CDI container as a synthetic bean (see
 * {@link Bootstrap}), never through a static.
 *
 * @param databasePath the HSQLDB file path (without HSQLDB's suffixes)
 * @param writesAtOnce start the write side (Hibernate) in the background as soon as the database
 *                     is open, because a command will follow at once (the default). When false,
 *                     it starts on {@link Bootstrap#prepareForWrites()} or with the first command,
 *                     so it does not compete with showing data (the window) and is never started
 *                     by a run that only reads (read subcommands).
 * @param keepBackups  how many backups to keep in {@code PATH.backups} (0: none are made);
 *                     {@code ALLOCATION_DESK_BACKUPS}, default 7
 * @param viewsMayDisagree open although the read tables disagree with the write model, when the
 *                     write model adds up by itself ({@code rebuild-views})
 */
public record AppConfig(Path databasePath, boolean writesAtOnce, int keepBackups, boolean viewsMayDisagree) {
    public AppConfig {
        Objects.requireNonNull(databasePath, "databasePath");
    }

    public AppConfig(Path databasePath, boolean writesAtOnce) {
        this(databasePath, writesAtOnce, Backups.DEFAULT_KEEP, false);
    }

    public AppConfig(Path databasePath) {
        this(databasePath, true);
    }

    /** The same, with the write side started only when asked for. */
    public AppConfig readingFirst() {
        return new AppConfig(databasePath, false, keepBackups, viewsMayDisagree);
    }

    /** The same, for {@code rebuild-views}: see {@link #viewsMayDisagree}. */
    public AppConfig repairingViews() {
        return new AppConfig(databasePath, writesAtOnce, keepBackups, true);
    }

    /**
     * Resolves the database path: {@code --db} when given, else the {@code ALLOCATION_DESK_DB}
     * environment variable, else the per-user default in the XDG data directory; the number of
     * backups to keep from {@code ALLOCATION_DESK_BACKUPS}.
     */
    public static AppConfig from(String dbOptionOrNull, Map<String, String> env) {
        return new AppConfig(DataLocation.resolve(dbOptionOrNull, env), true, Backups.keep(env), false);
    }
}

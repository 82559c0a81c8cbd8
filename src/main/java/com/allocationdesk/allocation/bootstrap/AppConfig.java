package com.allocationdesk.allocation.bootstrap;

import com.allocationdesk.allocation.adapters.db.DataLocation;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the application is started with. Handed to the CDI container as a synthetic bean (see
 * {@link Bootstrap}), never through a static.
 *
 * @param databasePath the HSQLDB file path (without HSQLDB's suffixes)
 */
public record AppConfig(Path databasePath) {
    public AppConfig {
        Objects.requireNonNull(databasePath, "databasePath");
    }

    /**
     * Resolves the database path: {@code --db} when given, else the {@code ALLOCATION_DESK_DB}
     * environment variable, else the per-user default in the XDG data directory.
     */
    public static AppConfig from(String dbOptionOrNull, Map<String, String> env) {
        return new AppConfig(DataLocation.resolve(dbOptionOrNull, env));
    }
}

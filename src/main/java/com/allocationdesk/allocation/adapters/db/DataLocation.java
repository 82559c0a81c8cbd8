package com.allocationdesk.allocation.adapters.db;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the database lives, first match wins:
 * <ol>
 *   <li>the {@code --db PATH} option;</li>
 *   <li>the {@value #DB_VARIABLE} environment variable;</li>
 *   <li>{@code $XDG_DATA_HOME/allocation-desk/allocation-desk};</li>
 *   <li>{@code ~/.local/share/allocation-desk/allocation-desk} when {@code XDG_DATA_HOME} is unset.</li>
 * </ol>
 * The path names the database, not a file: HSQLDB stores it as {@code PATH.script},
 * {@code PATH.data}, {@code PATH.log} and {@code PATH.properties} (back up all of them while the
 * application is closed).
 */
public final class DataLocation {
    public static final String DB_VARIABLE = "ALLOCATION_DESK_DB";
    static final String APP_FOLDER = "allocation-desk";
    static final String DB_NAME = "allocation-desk";

    private DataLocation() {
    }

    /** Resolves against the real environment and home directory. */
    public static Path resolve(String dbOption) {
        return resolve(dbOption, System.getenv());
    }

    /**
     * @param dbOption the {@code --db} value, or null when the option was not given
     * @param env      the environment variables ({@code HOME} falls back to {@code user.home})
     */
    public static Path resolve(String dbOption, Map<String, String> env) {
        if (isSet(dbOption)) {
            return absolute(dbOption);
        }
        if (isSet(env.get(DB_VARIABLE))) {
            return absolute(env.get(DB_VARIABLE));
        }
        String xdgDataHome = env.get("XDG_DATA_HOME");
        // the XDG spec says a relative value is invalid and must be ignored
        Path dataHome = isSet(xdgDataHome) && Path.of(xdgDataHome).isAbsolute()
                ? Path.of(xdgDataHome)
                : home(env).resolve(".local").resolve("share");
        return dataHome.resolve(APP_FOLDER).resolve(DB_NAME).normalize();
    }

    private static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(isSet(home) ? home : System.getProperty("user.home"));
    }

    private static Path absolute(String path) {
        return Path.of(path.strip()).toAbsolutePath().normalize();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}

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
 * <p>
 * The log file is in the same per-user folder, {@code logs/allocation-desk.log}, unless the
 * {@value #LOG_DIR_PROPERTY} system property names another folder ({@link #logFile}). logback.xml
 * writes it with the same rule as a property expression; this class is the one place the Java code
 * computes either folder.
 */
public final class DataLocation {
    public static final String DB_VARIABLE = "ALLOCATION_DESK_DB";
    static final String APP_FOLDER = "allocation-desk";
    static final String DB_NAME = "allocation-desk";
    /** System property logback.xml's {@code LOG_DIR} reads first. */
    public static final String LOG_DIR_PROPERTY = "allocationdesk.logdir";
    static final String LOG_FILE = "allocation-desk.log";

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
        return appFolder(env).resolve(DB_NAME).normalize();
    }

    /**
     * The per-user folder of the database and the logs: {@code $XDG_DATA_HOME/allocation-desk}, or
     * {@code ~/.local/share/allocation-desk} when {@code XDG_DATA_HOME} is unset or relative.
     */
    public static Path appFolder(Map<String, String> env) {
        String xdgDataHome = env.get("XDG_DATA_HOME");
        // the XDG spec says a relative value is invalid and must be ignored
        Path dataHome = isSet(xdgDataHome) && Path.of(xdgDataHome).isAbsolute()
                ? Path.of(xdgDataHome)
                : home(env).resolve(".local").resolve("share");
        return dataHome.resolve(APP_FOLDER);
    }

    /** Where the log file is: in {@value #LOG_DIR_PROPERTY} when set, else {@code logs} in {@link #appFolder}. */
    public static Path logFile(Map<String, String> env) {
        String property = System.getProperty(LOG_DIR_PROPERTY);
        if (isSet(property)) {
            return Path.of(property, LOG_FILE);
        }
        return appFolder(env).resolve("logs").resolve(LOG_FILE);
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

package com.allocationdesk.allocation.bootstrap;

import com.allocationdesk.allocation.adapters.db.Backups;
import com.allocationdesk.allocation.adapters.db.DataLocation;
import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.adapters.postgres.ServerAddress;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the application is started with. Handed to the CDI container as a synthetic bean (see
 * {@link Bootstrap}), never through a static.
 *
 * @param databasePath the HSQLDB file path (without HSQLDB's suffixes); on a server, the path beside
 *                     which this desk keeps its own files (window placement, settings, an import's
 *                     private copy), in the data directory, named after the server

 * @param writesAtOnce start the write side (Hibernate) in the background as soon as the database
 *                     is open, because a command will follow at once (the default). When false,
 *                     it starts on {@link Bootstrap#prepareForWrites()} or with the first command,
 *                     so it does not compete with showing data (the window) and is never started
 *                     by a run that only reads (read subcommands).
 * @param minFreeBytes free disk space below which changes are refused ({@value #MIN_FREE_ENV} in MB)
 * @param keepBackups  how many backups to keep in {@code PATH.backups} (0: none are made);
 *                     {@code ALLOCATION_DESK_BACKUPS}, default 7
 * @param readModelMayDisagree open although the read tables disagree with the write model, when the
 *                             write model adds up by itself ({@code rebuild-views})
 * @param server       the PostgreSQL server the desk shares ({@code --db postgresql://HOST[:PORT]/DATABASE}),
 *                     or null for the embedded file
 */
public record AppConfig(Path databasePath, boolean writesAtOnce, long minFreeBytes, int keepBackups,
                        boolean readModelMayDisagree, ServerLogin server) {
    /** Environment variable: free space (MB) the database's disk must keep; no change is written below it. */
    public static final String MIN_FREE_ENV = "ALLOCATION_DESK_MIN_FREE_MB";

    /** Environment variable: the outbox folder {@code publish} (and the window) writes to when {@code --outbox} is not given. */
    public static final String OUTBOX_ENV = "ALLOCATION_DESK_OUTBOX";

    /** Environment variable: the inbox folder other systems drop files into, when {@code --inbox} is not given. */
    public static final String INBOX_ENV = "ALLOCATION_DESK_INBOX";

    public AppConfig {
        Objects.requireNonNull(databasePath, "databasePath");
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes cannot be negative, was " + minFreeBytes);
        }
    }

    /** On the embedded file. */
    public AppConfig(Path databasePath, boolean writesAtOnce, long minFreeBytes, int keepBackups,
                     boolean readModelMayDisagree) {
        this(databasePath, writesAtOnce, minFreeBytes, keepBackups, readModelMayDisagree, null);
    }

    public AppConfig(Path databasePath, boolean writesAtOnce) {
        this(databasePath, writesAtOnce, Database.DEFAULT_MIN_FREE_BYTES);
    }

    /** @param minFreeBytes see the record; backups as by default */
    public AppConfig(Path databasePath, boolean writesAtOnce, long minFreeBytes) {
        this(databasePath, writesAtOnce, minFreeBytes, Backups.DEFAULT_KEEP, false);
    }

    /** @param keepBackups see the record; the default free-space floor */
    public AppConfig(Path databasePath, boolean writesAtOnce, int keepBackups, boolean readModelMayDisagree) {
        this(databasePath, writesAtOnce, Database.DEFAULT_MIN_FREE_BYTES, keepBackups, readModelMayDisagree);
    }

    public AppConfig(Path databasePath) {
        this(databasePath, true);
    }

    /** The same, with the write side started only when asked for. */
    public AppConfig readingFirst() {
        return new AppConfig(databasePath, false, minFreeBytes, keepBackups, readModelMayDisagree, server);
    }

    /** The same, for {@code rebuild-views}: see {@link #readModelMayDisagree}. */
    public AppConfig repairingReadModel() {
        return new AppConfig(databasePath, writesAtOnce, minFreeBytes, keepBackups, true, server);
    }

    /** The server the desk shares, when it is not on the embedded file. */
    public Optional<ServerLogin> onServer() {
        return Optional.ofNullable(server);
    }

    /** For titles and messages: the database file, or the server's address (never a password). */
    public String storeName() {
        return server == null ? databasePath.toString() : server.address().toString();
    }

    /**
     * Resolves the database: {@code --db} when given, else the {@code ALLOCATION_DESK_DB}
     * environment variable, else the per-user default in the XDG data directory. A value with
     * {@code ://} names a server ({@code postgresql://HOST[:PORT]/DATABASE}, logged in as
     * {@link ServerLogin} says); anything else is a file path. The number of backups to keep
     * comes from {@code ALLOCATION_DESK_BACKUPS}.
     *
     * @throws DatabaseUnavailable with a planner's message when the server's address is not one
     *                             (the command line's exit code 4, the window's start screen)
     */
    public static AppConfig from(String dbOptionOrNull, Map<String, String> env) {
        String named = dbOptionOrNull != null && !dbOptionOrNull.isBlank() ? dbOptionOrNull : env.get(DataLocation.DB_VARIABLE);
        if (named != null && named.contains("://")) {
            ServerAddress address = serverAddress(named);
            Path ownFiles = DataLocation.appFolder(env).resolve("servers").resolve(folderName(address)).resolve("desk");
            return new AppConfig(ownFiles, true, minFreeBytes(env), Backups.keep(env), false, ServerLogin.of(address, env));
        }
        return new AppConfig(DataLocation.resolve(dbOptionOrNull, env), true, minFreeBytes(env), Backups.keep(env), false);
    }

    /**
     * The server {@code url} names ({@code postgresql://HOST[:PORT]/DATABASE}).
     *
     * @throws DatabaseUnavailable with a planner's message when it is not such an address
     */
    static ServerAddress serverAddress(String url) {
        try {
            return ServerAddress.parse(url);
        } catch (IllegalArgumentException e) {
            // the parser's sentence is ours, told as it is (a cause's text would be taken out of it as a library's)
            throw new DatabaseUnavailable(e.getMessage());
        }
    }

    /** A folder name for the server's address: host, port and database, nothing a file system minds. */
    private static String folderName(ServerAddress address) {
        return (address.host() + "-" + address.port() + "-" + address.database()).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * The outbox folder of {@code publish} and the window (docs/EVENTS.md "Published: the outbox
     * folder"): the option when given, else {@value #OUTBOX_ENV}, else none: publishing is off by default.
     */
    public static Optional<Path> outbox(String optionOrNull, Map<String, String> env) {
        return folder(optionOrNull, env, OUTBOX_ENV, "outbox");
    }

    /**
     * The inbox folder other systems drop files into: the option when given, else {@value #INBOX_ENV},
     * else none: taking files in is off by default.
     */
    public static Optional<Path> inbox(String optionOrNull, Map<String, String> env) {
        return folder(optionOrNull, env, INBOX_ENV, "inbox");
    }

    /** A folder named by an option, else by the environment variable {@code envName}; blank is none. */
    private static Optional<Path> folder(String optionOrNull, Map<String, String> env, String envName, String what) {
        String value = optionOrNull != null ? optionOrNull : env.get(envName);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(value.strip()));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("The " + what + " folder must be a path, was '" + value + "'", e);
        }
    }

    /** Where the log file is ({@link DataLocation#logFile}): the command line points the planner there. */
    public static Path logFile(Map<String, String> env) {
        return DataLocation.logFile(env);
    }

    /**
     * {@value #MIN_FREE_ENV} in whole megabytes (0 allowed: refuse only when a write fails), else
     * {@link Database#DEFAULT_MIN_FREE_BYTES}.
     *
     * @throws IllegalArgumentException with a planner's message when the value is not such a number
     */
    static long minFreeBytes(Map<String, String> env) {
        String value = env.get(MIN_FREE_ENV);
        if (value == null) {
            return Database.DEFAULT_MIN_FREE_BYTES;
        }
        if (!value.strip().matches("[0-9]{1,7}")) {
            throw new IllegalArgumentException(MIN_FREE_ENV + " must be a whole number of megabytes (0 to 9999999), was '"
                    + value + "'");
        }
        return Long.parseLong(value.strip()) << 20;
    }
}

package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The window's two folders for other systems, and which one applies: the window's option
 * ({@code --outbox DIR}, {@code --inbox DIR}) over the environment ({@code ALLOCATION_DESK_OUTBOX},
 * {@code ALLOCATION_DESK_INBOX}) over the saved settings ({@link SettingsFile}: {@code PATH.settings}
 * beside the database; Tools ▸ Connections…). Both are off until one of them names a folder (the saved
 * settings: and turn it on). A folder set by the option or the environment is on and cannot be
 * changed here; saving keeps the saved value beneath it for the runs without it.
 * <p>
 * Saving checks first and changes nothing when it refuses ({@link SettingRefused}): a folder turned
 * on must be a full path, is created when it does not exist (or the planner is told why it
 * cannot be), must not be a file and must be writable; the inbox and the outbox are never the same
 * folder. Thread-safe: the relay reads {@link #current} on its own thread.
 */
@ApplicationScoped
public class ConnectionSettings {
    private static final Logger log = LoggerFactory.getLogger(ConnectionSettings.class);

    private final SettingsFile file;
    private final ConnectionOptions options;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<Connection, FolderSetting> current;

    @Inject
    public ConnectionSettings(AppConfig config, ConnectionOptions options) {
        this(SettingsFile.besides(config.databasePath()), options);
    }

    ConnectionSettings(SettingsFile file, ConnectionOptions options) {
        this.file = Objects.requireNonNull(file, "file");
        this.options = Objects.requireNonNull(options, "options");
        this.current = resolve(file.load(), true);
    }

    /** For tests: the settings kept in {@code settingsFile}. */
    public static ConnectionSettings in(Path settingsFile, ConnectionOptions options) {
        return new ConnectionSettings(new SettingsFile(settingsFile), options);
    }

    /** The settings file, beside the database. */
    public Path file() {
        return file.file();
    }

    /** {@code connection}'s folder as it applies now. Any thread. */
    public FolderSetting current(Connection connection) {
        return current.get(connection);
    }

    /** What the planner asks for one connection: on or off, and the folder as typed. */
    public record Choice(boolean on, String folder) {
        public Choice {
            folder = folder == null ? "" : folder.strip();
        }
    }

    /**
     * Checks and saves the planner's choices (a connection left out, or fixed by an option or the
     * environment, keeps what it had), then tells the listeners ({@link #onChange}). Runs file
     * system work: call it off the FX thread.
     *
     * @throws SettingRefused with the planner's sentence; nothing was saved
     */
    public synchronized void save(Map<Connection, Choice> choices) {
        Properties saved = file.load();
        Map<Connection, FolderSetting> now = current;
        Map<Connection, Path> turnedOn = new EnumMap<>(Connection.class);
        for (Connection connection : Connection.values()) {
            Choice choice = choices.get(connection);
            if (choice == null || now.get(connection).fixed()) {
                continue;
            }
            Path folder = checked(connection, choice);
            if (choice.on()) {
                turnedOn.put(connection, folder);
            }
            saved.setProperty(key(connection, "on"), Boolean.toString(choice.on()));
            saved.setProperty(key(connection, "folder"), folder == null ? "" : folder.toString());
        }
        Map<Connection, FolderSetting> next = resolve(saved, false);
        sameFolder(next).ifPresent(folder -> {
            throw new SettingRefused("The inbox and the outbox cannot be the same folder (" + folder
                    + "): the desk would take in what it publishes. Choose two folders");
        });
        turnedOn.forEach(ConnectionSettings::ready);
        try {
            file.store(saved);
        } catch (IOException e) {
            log.warn("Could not save the settings to {}", file.file(), e);
            throw new SettingRefused("Could not save the settings to " + file.file() + " (" + reason(e)
                    + "); nothing was changed", e);
        }
        current = next;
        log.info("Saved the connections: outbox {}, inbox {} ({})", describe(next.get(Connection.OUTBOX)),
                describe(next.get(Connection.INBOX)), file.file());
        listeners.forEach(Runnable::run);
    }

    /** Calls {@code listener} after each save, on the saving thread; closing the result stops it. */
    public AutoCloseable onChange(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** The full path a choice names (a choice turned on names one); null when it names none. */
    private static Path checked(Connection connection, Choice choice) {
        String word = connection.word();
        if (choice.folder().isEmpty()) {
            if (choice.on()) {
                throw new SettingRefused("Choose the " + word + " folder, or turn the " + word + " off");
            }
            return null;
        }
        Path folder;
        try {
            folder = connection.folder(choice.folder(), Map.of()).orElseThrow();
        } catch (IllegalArgumentException e) {
            throw new SettingRefused(e.getMessage(), e);
        }
        if (!folder.isAbsolute()) {
            throw new SettingRefused("The " + word + " folder must be a full path (from the top of a disk, like "
                    + folder.toAbsolutePath() + "), was '" + choice.folder() + "'");
        }
        return folder.normalize();
    }

    /** A folder that exists (created when it did not) and can be written; else the planner is told why not. */
    private static void ready(Connection connection, Path folder) {
        String word = connection.word();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new SettingRefused("The " + word + " folder " + folder + " is a file, not a folder: choose a folder");
        }
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectories(folder);
                log.info("Created the {} folder {}", word, folder);
            } catch (IOException e) {
                throw new SettingRefused("Cannot create the " + word + " folder " + folder + " (" + reason(e)
                        + "): choose another folder", e);
            }
        }
        if (!Files.isWritable(folder)) {
            throw new SettingRefused("The " + word + " folder " + folder
                    + " cannot be written (permission denied): choose another folder, or let this user write there");
        }
    }

    /**
     * Each connection's setting from the option, else the environment, else {@code saved}; with
     * {@code markConflict}, an inbox on the outbox's folder is not used (its problem says why).
     */
    private Map<Connection, FolderSetting> resolve(Properties saved, boolean markConflict) {
        Map<Connection, FolderSetting> settings = new EnumMap<>(Connection.class);
        for (Connection connection : Connection.values()) {
            settings.put(connection, resolve(connection, saved));
        }
        if (markConflict) {
            sameFolder(settings).ifPresent(folder -> settings.put(Connection.INBOX, settings.get(Connection.INBOX)
                    .withProblem("The inbox is the outbox's folder (" + folder + ", set by "
                            + settings.get(Connection.OUTBOX).origin() + "): the inbox stays off until it is another folder")));
        }
        return Map.copyOf(settings);
    }

    /** The folder both connections would use, if they would. */
    private static Optional<Path> sameFolder(Map<Connection, FolderSetting> settings) {
        Optional<Path> outbox = settings.get(Connection.OUTBOX).active();
        return outbox.isPresent() && outbox.equals(settings.get(Connection.INBOX).active()) ? outbox : Optional.empty();
    }

    private FolderSetting resolve(Connection connection, Properties saved) {
        String option = options.option(connection);
        if (option != null) {
            return fixed(connection, FolderSetting.Source.OPTION, option, Map.of());
        }
        String variable = options.env().get(connection.environmentVariable());
        if (variable != null && !variable.isBlank()) {
            return fixed(connection, FolderSetting.Source.ENVIRONMENT, null, options.env());
        }
        String text = saved.getProperty(key(connection, "folder"), "").strip();
        boolean on = Boolean.parseBoolean(saved.getProperty(key(connection, "on"), "false").strip());
        if (text.isEmpty()) {
            return new FolderSetting(connection, FolderSetting.Source.SAVED, null, false, "");
        }
        try {
            Path folder = connection.folder(text, Map.of()).orElseThrow();
            String problem = folder.isAbsolute() ? "" : "The " + connection.word() + " folder in " + file.file()
                    + " must be a full path, was '" + text + "'";
            return new FolderSetting(connection, FolderSetting.Source.SAVED, folder.normalize(), on, problem);
        } catch (IllegalArgumentException e) {
            return new FolderSetting(connection, FolderSetting.Source.SAVED, null, on, e.getMessage() + " (in " + file.file() + ")");
        }
    }

    /** Set by the option or the environment: on, a full path (a relative one is taken from where the window started). */
    private static FolderSetting fixed(Connection connection, FolderSetting.Source source, String option,
                                       Map<String, String> env) {
        try {
            Path folder = connection.folder(option, env).orElseThrow().toAbsolutePath().normalize();
            return new FolderSetting(connection, source, folder, true, "");
        } catch (IllegalArgumentException e) {
            return new FolderSetting(connection, source, null, true, e.getMessage() + " (set by "
                    + (source == FolderSetting.Source.OPTION ? connection.option() : connection.environmentVariable()) + ")");
        }
    }

    private static String key(Connection connection, String what) {
        return connection.word() + "." + what;
    }

    private static String describe(FolderSetting setting) {
        return setting.active().map(Path::toString).orElse("off");
    }

    /** The planner's words for a file-system failure. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

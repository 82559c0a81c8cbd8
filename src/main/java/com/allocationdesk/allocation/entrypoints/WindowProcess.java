package com.allocationdesk.allocation.entrypoints;

import com.allocationdesk.allocation.entrypoints.lifecycle.ShutdownHook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GTK's settings backend, dconf, prints "dconf-CRITICAL **: unable to create directory ..." on the
 * terminal from native code when its folder cannot be made ({@code XDG_RUNTIME_DIR} not a writable
 * folder, e.g. after {@code su}; or, without it, a home folder that cannot be written), and
 * "failed to commit changes to dconf" when no D-Bus session bus can be reached. Java cannot
 * change its own process's environment, so the window then runs in a child JVM, the same command
 * with {@code GSETTINGS_BACKEND=memory}: GTK keeps its settings in memory and says nothing. On a
 * sound machine (the usual case) nothing of this happens and the window starts in this JVM.
 */
final class WindowProcess {
    private static final Logger log = LoggerFactory.getLogger(WindowProcess.class);
    static final String BACKEND = "GSETTINGS_BACKEND";

    private WindowProcess() {
    }

    /**
     * Why dconf could not keep its files here, or empty when it can (or is not used: not an X11
     * system, or the settings backend chosen already). Creates dconf's folder when it is missing,
     * as dconf itself would.
     */
    static Optional<String> dconfUnusable(Map<String, String> env, String osName, String userHome) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac") || env.containsKey(BACKEND)) {
            return Optional.empty();
        }
        Path folder = dconfFolder(env, userHome);
        try {
            Files.createDirectories(folder);
        } catch (IOException | RuntimeException e) {
            return Optional.of("dconf cannot create " + folder + " (" + e.getClass().getSimpleName() + ")");
        }
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            return Optional.of("dconf cannot write to " + folder);
        }
        return noSessionBus(env);
    }

    /**
     * dconf writes through its D-Bus service (the file chooser saves its folder and size so): with no
     * session bus to reach, each write prints "failed to commit changes to dconf: Failed to execute
     * child process "dbus-launch"". GLib finds the bus by {@code DBUS_SESSION_BUS_ADDRESS}, else by
     * {@code $XDG_RUNTIME_DIR/bus}, else starts one with {@code dbus-launch}.
     */
    static Optional<String> noSessionBus(Map<String, String> env) {
        String address = env.get("DBUS_SESSION_BUS_ADDRESS");
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (address != null && !address.isBlank()
                || runtime != null && !runtime.isEmpty() && Files.exists(Path.of(runtime, "bus"))
                || onPath(env.get("PATH"), "dbus-launch")) {
            return Optional.empty();
        }
        return Optional.of("no D-Bus session bus for dconf (DBUS_SESSION_BUS_ADDRESS not set, no dbus-launch on the PATH)");
    }

    private static boolean onPath(String path, String program) {
        if (path == null) {
            return false;
        }
        for (String folder : path.split(java.io.File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }

    /** Where dconf keeps its files: {@code $XDG_RUNTIME_DIR/dconf}, else GLib's fallback, the user's cache folder. */
    static Path dconfFolder(Map<String, String> env, String userHome) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty()) {
            return Path.of(runtime, "dconf");
        }
        String cache = env.get("XDG_CACHE_HOME");
        if (cache != null && !cache.isEmpty()) {
            return Path.of(cache, "dconf");
        }
        String home = env.getOrDefault("HOME", userHome);
        return Path.of(home == null ? "." : home, ".cache", "dconf");
    }

    /**
     * The child's command: this JVM's own {@code java} (from {@code java.home}, not the process's
     * command: started by the installed launcher, that is {@code bin/allocation-desk}, which would
     * take the JVM's options for the desk's), its options and class path, then {@link Main}.
     */
    static List<String> childCommand(String javaHome, List<String> jvmOptions, String classPath, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(javaHome, "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs the window in a child JVM started as this one was (same Java, options and class path),
     * with GTK's settings in memory; its terminal is this one's. Returns its exit code; stopping
     * this JVM stops it.
     */
    static int withSettingsInMemory(String reason, String[] args) throws IOException, InterruptedException {
        log.info("The window runs with GTK's settings in memory: {}", reason);
        List<String> command = childCommand(System.getProperty("java.home"), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("java.class.path"), args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(BACKEND, "memory");
        Process window = builder.start();
        ShutdownHook stopper = ShutdownHook.add("desk-window-stop", window::destroy);
        try {
            return window.waitFor();
        } finally {
            stopper.remove();
        }
    }
}

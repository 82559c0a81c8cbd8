package com.allocationdesk.allocation.entrypoints;

import com.allocationdesk.allocation.entrypoints.cli.AllocationDeskCommand;
import com.allocationdesk.allocation.entrypoints.cli.ExitCode;
import com.allocationdesk.allocation.entrypoints.cli.LastResort;
import com.allocationdesk.allocation.entrypoints.cli.ToolkitMessages;

import com.allocationdesk.allocation.entrypoints.ui.AllocationDeskApp;

import java.util.List;

/**
 * The jar's entry point. With a subcommand it runs the command line headless and exits with its
 * code; with no arguments (or only the window's options) it opens the window. (Main is not a JavaFX Application on purpose: the
 * launcher then works from a plain class path.)
 */
public final class Main {
    /** What {@link #run} returns when the window was shown and closed: the JVM ends by itself, as JavaFX expects. */
    private static final int WINDOW_CLOSED = -1;
    /** The options the window takes (see {@link AllocationDeskCommand#checkWindowArguments}). */
    private static final List<String> WINDOW_OPTIONS = List.of("--db", "--outbox", "--inbox");

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            LastResort.install();
            code = run(args);
        } catch (Throwable e) { // the last resort: one line (out of memory, or unexpected), never a stack trace
            code = LastResort.escaped(e);
        }
        if (code != WINDOW_CLOSED) {
            System.exit(code);
        }
    }

    /**
     * The window (no arguments, or only the window's options), else the command line. The window's
     * arguments meet the command line's rules; on a machine without a display, or when JavaFX
     * cannot start (no GTK 3: what to install), the planner gets one line and exit code 1. Where
     * GTK's dconf would print warnings, the window runs in a child JVM with GTK's settings in memory
     * ({@link WindowProcess}).
     */
    static int run(String[] args) {
        if (args.length == 0 || onlyWindowOptions(args)) {
            int refused = AllocationDeskCommand.checkWindowArguments(args);
            if (refused != ExitCode.OK) {
                return refused;
            }
            String noDisplay = LastResort.missingDisplay(System.getenv(), System.getProperty("os.name"));
            if (noDisplay != null) {
                return LastResort.windowUnavailable(noDisplay, null, System.getenv());
            }
            java.util.Optional<String> dconf = WindowProcess.dconfUnusable(System.getenv(), System.getProperty("os.name"),
                    System.getProperty("user.home"));
            if (dconf.isPresent()) { // GTK would complain on the terminal from native code: its settings in memory
                try {
                    return WindowProcess.withSettingsInMemory(dconf.get(), args);
                } catch (java.io.IOException e) {
                    return LastResort.windowUnavailable(null, e, System.getenv());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ExitCode.UNEXPECTED;
                }
            }
            try {
                // The command line never gets here, so it never loads a JavaFX class.
                ToolkitMessages.quiet(); // JavaFX's own start-up messages to the log file, until the window shows
                AllocationDeskApp.launch(ToolkitMessages::restore, args);
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Throwable e) { // JavaFX cannot start (no GTK, no toolkit): one line, exit 1
                ToolkitMessages.restore();
                return LastResort.windowUnavailable(null, e, System.getenv());
            } finally {
                ToolkitMessages.restore();
            }
            return WINDOW_CLOSED;
        }
        return AllocationDeskCommand.execute(args);
    }

    /**
     * Only the window's options: {@code --db PATH}, {@code --outbox DIR}, {@code --inbox DIR} (each
     * also as {@code --db=PATH} ...), in any order; whether each is given once and has a value is
     * {@link AllocationDeskCommand#checkWindowArguments}'s to say.
     */
    static boolean onlyWindowOptions(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (WINDOW_OPTIONS.contains(arg)) {
                i++; // its value
            } else if (WINDOW_OPTIONS.stream().noneMatch(option -> arg.startsWith(option + "="))) {
                return false;
            }
        }
        return true;
    }
}

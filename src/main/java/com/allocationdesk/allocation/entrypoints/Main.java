package com.allocationdesk.allocation.entrypoints;

import com.allocationdesk.allocation.entrypoints.cli.AllocationDeskCommand;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The jar's entry point. With a subcommand it runs the command line headless and exits with its
 * code; with no arguments it opens the window. (Main is not a JavaFX Application on purpose: the
 * launcher then works from a plain class path.)
 */
public final class Main {
    /** The window, written separately; looked up by name so this build works with or without it. */
    static final String WINDOW = "com.allocationdesk.allocation.entrypoints.ui.AllocationDeskApp";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || onlyDatabaseOption(args)) {
            Method launch = windowLauncher();
            if (launch != null) {
                try {
                    launch.invoke(null, (Object) args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
                return;
            }
        }
        System.exit(AllocationDeskCommand.execute(args));
    }

    /** {@code --db PATH} (or {@code --db=PATH}) alone opens the window on that database. */
    static boolean onlyDatabaseOption(String[] args) {
        return (args.length == 2 && args[0].equals("--db"))
                || (args.length == 1 && args[0].startsWith("--db="));
    }

    private static Method windowLauncher() {
        try {
            return Class.forName(WINDOW).getMethod("launch", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return null;
        }
    }
}

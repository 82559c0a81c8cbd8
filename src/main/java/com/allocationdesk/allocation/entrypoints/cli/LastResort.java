package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.AppConfig;

import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The messages for what nobody planned: running out of memory, an unexpected failure, a database
 * message that quotes a library, a window that cannot open. Each is one line on stderr without a
 * class name or a library's text; the details go to the log. {@code Main} uses it before and
 * around the command line and the window.
 */
public final class LastResort {
    /** Running out of memory, anywhere. */
    static final String OUT_OF_MEMORY = "Allocation Desk ran out of memory and stopped;"
            + " try a larger heap, e.g. java -Xmx2g -jar allocation-desk.jar ...";

    /** A qualified Java class name ({@code java.io.IOException}), with the colon after it. */
    /** A qualified class name; not inside a path ({@code /tmp/tmp.WdiU82PycP/desk} is a folder, not a class). */
    private static final Pattern CLASS_NAME = Pattern.compile("(?<![/\\\\\\w.-])(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*:?\\s*");
    /** A simple exception name ({@code EOFException:}). */
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");

    /** The same line, encoded while there is memory: telling it then allocates nothing (see {@link #tellOutOfMemoryOnce}). */
    private static final byte[] OUT_OF_MEMORY_LINE = (OUT_OF_MEMORY + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);

    /** Set once the line was told, not before: a tell that ran out of memory itself leaves it for the next to try. */
    private static final AtomicBoolean TOLD_OUT_OF_MEMORY = new AtomicBoolean();
    /** Kept from the start and dropped when memory runs out, so the message and the log line can still be made. */
    @SuppressWarnings("unused")
    private static volatile byte[] reserve = new byte[256 * 1024];

    static {
        // loaded now, while there is memory: without it, telling an OutOfMemoryError fails to load them
        Terminal.printable(OUT_OF_MEMORY + '\u00A0');
        stderr();
        tellOutOfMemory(new PrintWriter(Writer.nullWriter()));
    }

    private LastResort() {
    }

    /**
     * Makes this the handler of every thread's uncaught exceptions (see {@link #uncaught}) and
     * loads what telling "out of memory" needs, while there is memory. Main calls it first.
     */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler(LastResort::uncaught);
        // Libraries that log through java.util.logging (JavaFX: "Unsupported JavaFX configuration")
        // would print to the planner's terminal through JUL's console handler: to the log file instead.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    static String unexpected(Path logFile) {
        return "Something unexpected went wrong and the command stopped. Details are in " + logFile;
    }

    /**
     * The planner's part of a message built for the planner ({@code DatabaseUnavailable}) that
     * also quotes the exceptions it was made from: their text (an OS error, an HSQLDB or Flyway
     * message) and any class name is taken out, and the log file is named instead.
     */
    static String withoutLibraryText(Throwable planners, Path logFile) {
        String message = planners.getMessage() == null ? "" : planners.getMessage();
        List<String> quoted = new ArrayList<>();
        for (Throwable cause = planners.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            quoted.add(cause.toString());
            if (cause.getMessage() != null) {
                quoted.add(cause.getMessage());
                quoted.add(withoutClassNames(cause.getMessage()));
            }
        }
        quoted.sort((a, b) -> b.length() - a.length()); // longest first: a message inside its toString
        String kept = message;
        for (String text : quoted) {
            if (!text.isBlank()) {
                // only where it stands as a whole: a cause saying "y" must not take the y out of a path
                kept = kept.replaceAll("(?<!\\w)" + Pattern.quote(text) + "(?!\\w)", "");
            }
        }
        kept = withoutClassNames(kept);
        if (kept.equals(message)) {
            return message;
        }
        kept = kept.replaceAll("\\(\\s*\\)", "").replaceAll("[\\s:;,(]+$", "").replaceAll("\\s{2,}", " ").strip();
        return kept + " (details are in " + logFile + ")";
    }

    private static String withoutClassNames(String text) {
        return EXCEPTION_NAME.matcher(CLASS_NAME.matcher(text).replaceAll("")).replaceAll("").strip();
    }

    /**
     * What escaped the command line or the window's launcher (Main's last catch): running out of
     * memory, also inside a class initialiser, is told as such (unless a thread told it already),
     * anything else as unexpected. One line, exit code 1.
     */
    public static int escaped(Throwable e) {
        if (causedByOutOfMemory(e)) {
            tellOutOfMemoryOnce();
            logQuietly("Out of memory", e);
        } else {
            logQuietly("Unexpected failure", e);
            Terminal.tell(stderr(), unexpected(AppConfig.logFile(System.getenv())));
        }
        return ExitCode.UNEXPECTED;
    }

    static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** The command line's own outcome when memory ran out: told on its stderr, always; exit code 1. */
    static int outOfMemory(Throwable e, PrintWriter err) {
        freeReserve();
        if (tellOutOfMemory(err)) {
            TOLD_OUT_OF_MEMORY.set(true);
        } else { // memory ran out again while telling: the bytes made at start-up, straight to stderr
            tellOutOfMemoryOnce();
        }
        logQuietly("Out of memory", e);
        return ExitCode.UNEXPECTED;
    }

    /**
     * Tells {@link #OUT_OF_MEMORY} on {@code System.err} unless it was told: its bytes were made at
     * start-up, so writing them needs no memory (formatting it now could run out again, and the
     * planner would get an empty terminal and exit code 1; that happened once in CI).
     */
    private static synchronized void tellOutOfMemoryOnce() {
        freeReserve();
        if (TOLD_OUT_OF_MEMORY.get()) {
            return;
        }
        try {
            System.err.write(OUT_OF_MEMORY_LINE, 0, OUT_OF_MEMORY_LINE.length);
            System.err.flush();
            TOLD_OUT_OF_MEMORY.set(!System.err.checkError());
        } catch (Throwable stillOut) {
            // not told: whoever meets it next tries again
        }
    }

    /** The line on the command line's own stderr, as a constant (nothing to escape or format); false when that failed too. */
    private static boolean tellOutOfMemory(PrintWriter err) {
        try {
            err.println(OUT_OF_MEMORY);
            err.flush();
            return !err.checkError();
        } catch (Throwable stillOut) {
            return false;
        }
    }

    /**
     * For {@link Thread#setDefaultUncaughtExceptionHandler}: a thread that dies of an exception
     * nobody caught is logged, not printed as a stack trace; running out of memory is also told,
     * once.
     */
    public static void uncaught(Thread thread, Throwable e) {
        try {
            if (causedByOutOfMemory(e)) {
                tellOutOfMemoryOnce();
            }
            logQuietly("Uncaught in thread " + thread.getName(), e);
        } catch (Throwable stillFailing) {
            // an uncaught-exception handler must not throw: the JVM would print it
        }
    }

    /** Logging needs memory too: when there is none left, the one line already told is all there is. */
    private static void logQuietly(String what, Throwable e) {
        try {
            LoggerFactory.getLogger(LastResort.class).error(what, e); // not a static: starting logging needs memory
        } catch (Throwable stillOut) {
            // out of memory (or a class that could not load because of it): the planner has the message
        }
    }

    /** Gives the heap back the little it keeps for telling the planner that memory ran out. */
    private static void freeReserve() {
        reserve = null;
    }

    /**
     * Why the window cannot open on this machine before JavaFX is even tried, or null: on Linux
     * and the other X11 systems (not Windows, not macOS) there is no display without
     * {@code DISPLAY} (JavaFX uses X11, also under Wayland).
     */
    public static String missingDisplay(Map<String, String> env, String osName) {
        String os = osName == null ? "" : osName.toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return null;
        }
        String display = env.get("DISPLAY");
        return display == null || display.isBlank() ? "no display found (DISPLAY is not set)" : null;
    }

    /** The window could not open: one line, exit code 1. {@code failure} is what JavaFX threw, or null. */
    public static int windowUnavailable(String reason, Throwable failure, Map<String, String> env) {
        String why = reason;
        if (why == null) {
            LoggerFactory.getLogger(LastResort.class).error("The window could not be opened", failure);
            why = whyNoWindow(failure, env);
        } else {
            LoggerFactory.getLogger(LastResort.class).warn("Cannot open the window: {}", reason);
        }
        Terminal.tell(stderr(), "Cannot open the window: " + why + ". Use a subcommand for the command line, see --help.");
        return ExitCode.UNEXPECTED;
    }

    /**
     * Why JavaFX could not start, in the planner's words, from what it threw: GTK 3 missing (what
     * to install), a display that cannot be opened, else that the details are in the log file.
     */
    public static String whyNoWindow(Throwable failure, Map<String, String> env) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.getMessage() == null ? "" : t.getMessage();
            if (text.contains("GTK")) {
                return "the GTK 3 library is missing (install libgtk-3-0 on Debian or Ubuntu, gtk3 on Fedora)";
            }
            if (text.contains("DISPLAY")) {
                return "the display " + env.getOrDefault("DISPLAY", "") + " cannot be opened";
            }
        }
        return "it failed to start; details are in " + AppConfig.logFile(env);
    }

    private static PrintWriter stderr() {
        return new PrintWriter(System.err, true);
    }
}

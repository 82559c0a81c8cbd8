package com.allocationdesk.allocation.entrypoints.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * While JavaFX starts, what it prints on {@code System.err} itself ("Can not create cache at ...",
 * its own stack traces when a pipeline fails) goes to the log file, a line at a time, not to the
 * planner's terminal, whose stderr carries our one-line messages (this package is the one that
 * touches the terminal). {@code Main} calls {@link #quiet} before the toolkit starts and
 * {@link #restore} once the window shows, or when starting failed (before that is told). What GTK
 * writes from native code (dconf) is {@code entrypoints.WindowProcess}'s to prevent.
 */
public final class ToolkitMessages {
    private static final Logger log = LoggerFactory.getLogger("javafx.stderr");
    private static PrintStream terminal;

    private ToolkitMessages() {
    }

    /** From now on, {@code System.err} is the log file's, until {@link #restore}. */
    public static synchronized void quiet() {
        if (terminal != null) {
            return;
        }
        terminal = System.err;
        System.setErr(new PrintStream(new ToLog(), true, StandardCharsets.UTF_8));
    }

    /** {@code System.err} is the terminal's again (idempotent). */
    public static synchronized void restore() {
        if (terminal == null) {
            return;
        }
        PrintStream quieted = System.err;
        System.setErr(terminal);
        terminal = null;
        quieted.flush();
    }

    /** Bytes to log lines, one entry per line. */
    private static final class ToLog extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else if (b != '\r') {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            flushLine();
        }

        private void flushLine() {
            if (line.size() > 0) {
                log.warn("{}", line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }
}

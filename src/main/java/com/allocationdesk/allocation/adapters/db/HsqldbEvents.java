package com.allocationdesk.allocation.adapters.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * What HSQLDB says about its files, which it says only through {@code java.util.logging}.
 * <p>
 * HSQLDB does not fail a commit whose log write fails: {@code ScriptWriterBase.sync()} catches the
 * {@link IOException} (a full disk: "No space left on device"), logs "ScriptWriter synch error" as a
 * warning event and returns, so the commit looks durable while its bytes never reached the disk.
 * The warning is logged synchronously, on the committing thread, before the commit returns — and
 * only when the database's external event log level ({@code hsqldb.extlog}) is at least 2, which
 * {@link Database} sets. This handler counts such failures per database ({@link #ioFailures}), so
 * a unit of work can tell that its commit did not reach the disk, and passes every HSQLDB event on
 * to SLF4J (the log file), never to the terminal.
 */
final class HsqldbEvents extends Handler {
    private static final Logger log = LoggerFactory.getLogger("hsqldb.db");
    /** HSQLDB's loggers are named {@code hsqldb.db.<database unique name>.ENGINE}. */
    private static final String PREFIX = "hsqldb.db.";
    private static final Map<String, AtomicLong> FAILURES = new ConcurrentHashMap<>();
    /** Held so that the JUL logger (weakly referenced by its LogManager) keeps our handler. */
    private static final java.util.logging.Logger HSQLDB;

    static {
        // Without this, HSQLDB's FrameworkLogger replaces the whole JUL configuration with its own
        // the first time it is used.
        if (System.getProperty("hsqldb.reconfig_logging") == null) {
            System.setProperty("hsqldb.reconfig_logging", "false");
        }
        HSQLDB = java.util.logging.Logger.getLogger("hsqldb.db");
        HSQLDB.setUseParentHandlers(false); // the JUL console handler would print to the planner's terminal
        HSQLDB.setLevel(Level.WARNING);
        HSQLDB.addHandler(new HsqldbEvents());
    }

    private HsqldbEvents() {
    }

    /** Installs the handler (once per JVM); call before HSQLDB opens a database. */
    static void install() {
        // the static initialiser does the work
    }

    /** How many file write failures HSQLDB has reported for the database with this unique name. */
    static long ioFailures(String databaseName) {
        AtomicLong count = FAILURES.get(databaseName);
        return count == null ? 0 : count.get();
    }

    @Override
    public void publish(LogRecord record) {
        String name = record.getLoggerName();
        String database = name != null && name.startsWith(PREFIX) ? name.substring(PREFIX.length()).replaceFirst("\\..*$", "") : "?";
        if (isIoFailure(record.getThrown())) {
            FAILURES.computeIfAbsent(database, d -> new AtomicLong()).incrementAndGet();
        }
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            log.error("HSQLDB {}: {}", database, record.getMessage(), record.getThrown());
        } else {
            log.warn("HSQLDB {}: {}", database, record.getMessage(), record.getThrown());
        }
    }

    private static boolean isIoFailure(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}

package com.allocationdesk.allocation.bootstrap;

import com.allocationdesk.allocation.adapters.db.Backups;
import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.adapters.jdbc.TableCopy;
import com.allocationdesk.allocation.adapters.postgres.PostgresStore;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The database's care, for the command line's {@code check}, {@code restore} and {@code copy-to}:
 * they work on a database file the application may refuse to open (that is when the first two are
 * needed), so they do not start it.
 */
public final class Maintenance {
    private Maintenance() {
    }

    /** The full consistency check, read-only; empty when the database is healthy. */
    public static List<String> check(Path database) {
        return Database.check(database);
    }

    /** What a restore did. */
    public record Restored(String backup, Path setAside, List<String> problems) {
    }

    /**
     * Puts a backup (a folder, or the name of one in {@code PATH.backups}) in place of the database.
     *
     * @throws DatabaseUnavailable when the database is open elsewhere or the backup is not there
     */
    public static Restored restore(Path database, String backup) {
        Backups.Restored restored = Backups.restore(database.toAbsolutePath().normalize(), backup);
        return new Restored(restored.backup().getFileName().toString(), restored.setAside(), restored.problems());
    }

    /** What {@code copy-to} copied: the rows of each table, into which server. */
    public record Copied(String server, Map<String, Long> rows) {
    }

    /**
     * Copies the database file into the empty database of a PostgreSQL server (its tables created
     * by the migrations first), in one transaction, and checks that the rows and totals of every
     * table agree before it commits and again after. The file is only read.
     *
     * @param url the server, {@code postgresql://HOST[:PORT]/DATABASE}; the login from {@code env}
     *            ({@link ServerLogin})
     * @throws DatabaseUnavailable when the file or the server cannot be opened, the server's
     *                             database is not empty, or the copy does not add up (then nothing
     *                             was committed)
     */
    public static Copied copyTo(Path database, String url, Map<String, String> env) {
        ServerLogin login = ServerLogin.of(AppConfig.serverAddress(url), env);
        if (!Database.exists(database)) {
            throw new DatabaseUnavailable("There is no database " + database + " to copy (its file " + database
                    + ".properties is not there); name it with --db PATH");
        }
        try (Database source = Database.open(database, 0, false, Database.DEFAULT_MIN_FREE_BYTES);
             PostgresStore target = PostgresStore.open(login.address(), login.user(), login.password());
             Connection from = source.dataSource().getConnection();
             Connection to = target.dataSource().getConnection()) {
            Map<String, Long> present = TableCopy.rowCounts(to);
            present.values().removeIf(rows -> rows == 0);
            if (!present.isEmpty()) {
                throw new DatabaseUnavailable("The database " + login.address() + " is not empty (" + counted(present)
                        + "): copy-to only fills an empty database. Nothing was copied.");
            }
            to.setAutoCommit(false);
            Map<String, Long> copied = TableCopy.copy(from, to);
            agree(from, to, login, "before it was committed: nothing was copied");
            to.commit();
            try (Connection fresh = target.dataSource().getConnection()) {
                agree(from, fresh, login, "after it was committed: empty the server's database and copy again");
            }
            return new Copied(login.address().toString(), copied);
        } catch (SQLException e) {
            throw new DatabaseUnavailable("Copying " + database + " to " + login.address() + " failed: " + e.getMessage()
                    + ". Nothing was copied.", e);
        }
    }

    private static void agree(Connection source, Connection target, ServerLogin login, String when) throws SQLException {
        Map<String, TableCopy.Totals> expected = TableCopy.totals(source);
        Map<String, TableCopy.Totals> found = TableCopy.totals(target);
        for (Map.Entry<String, TableCopy.Totals> table : expected.entrySet()) {
            if (!table.getValue().equals(found.get(table.getKey()))) {
                throw new DatabaseUnavailable("The copy in " + login.address() + " does not add up in " + table.getKey()
                        + " (" + table.getValue() + " in the file, " + found.get(table.getKey()) + " on the server) " + when);
            }
        }
    }

    private static String counted(Map<String, Long> rows) {
        StringBuilder text = new StringBuilder();
        rows.forEach((table, count) -> text.append(text.isEmpty() ? "" : ", ").append(count)
                .append(count == 1 ? " row in " : " rows in ").append(table));
        return text.toString();
    }

    /** The complete backups of the database, newest first. */
    public static List<Path> backups(Path database) {
        return Backups.list(database.toAbsolutePath().normalize());
    }
}

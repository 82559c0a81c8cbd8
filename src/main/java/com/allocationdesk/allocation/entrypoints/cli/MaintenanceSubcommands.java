package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Maintenance;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The database's care: {@code check} and {@code restore}. Both work on a database the
 * application would refuse to open, so they do not start it.
 */
final class MaintenanceSubcommands {
    private MaintenanceSubcommands() {
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check that the database adds up: every list against the stock records, row by row,",
                    "allocated units against allocated lines, nothing belonging to nothing, no waiting line",
                    "that free stock could take. Read-only. Exit 0 when healthy, 4 when damaged."})
    static final class CheckSubcommand implements Callable<Integer> {
        @ParentCommand
        AllocationDeskCommand root;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return root.runOnPath(spec, path -> {
                List<String> problems = Maintenance.check(path);
                PrintWriter out = spec.commandLine().getOut();
                if (problems.isEmpty()) {
                    out.println("The database " + path + " is healthy: every list agrees with the stock records");
                    out.flush();
                    return ExitCode.OK;
                }
                problems.forEach(problem -> out.println("damaged: " + Terminal.printable(problem)));
                out.flush();
                List<Path> backups = Maintenance.backups(path);
                Terminal.tell(spec.commandLine().getErr(), "The database " + path + " is damaged (" + problems.size()
                        + (problems.size() == 1 ? " problem" : " problems") + "). "
                        + (backups.isEmpty() ? "There is no backup of it: keep its files as they are and ask for help."
                        : "Restore the newest good backup: allocation-desk --db " + path + " restore "
                        + backups.get(0).getFileName()));
                return ExitCode.DATABASE_UNAVAILABLE;
            });
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Put a backup in place of the database (refused while it is open). The current files are",
                    "moved aside to PATH.replaced-STAMP/, never deleted; the restored database is then checked.",
                    "Backups are the folders in PATH.backups/ (see 'check')."})
    static final class RestoreSubcommand implements Callable<Integer> {
        @ParentCommand
        AllocationDeskCommand root;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "BACKUP", description = "A backup folder, or its name in PATH.backups/.")
        private String backup;

        @Override
        public Integer call() {
            return root.runOnPath(spec, path -> {
                Maintenance.Restored restored = Maintenance.restore(path, backup);
                if (!restored.problems().isEmpty()) {
                    Terminal.tell(spec.commandLine().getErr(), "Restored " + restored.backup() + " into " + path
                            + ", but it does not add up (" + String.join("; ", restored.problems())
                            + "). The files it replaced are in " + restored.setAside());
                    return ExitCode.DATABASE_UNAVAILABLE;
                }
                PrintWriter out = spec.commandLine().getOut();
                out.println("Restored " + restored.backup() + " into " + path + " and checked it: healthy. The files it"
                        + " replaced are in " + restored.setAside());
                out.flush();
                return ExitCode.OK;
            });
        }
    }

    @Command(name = "copy-to", mixinStandardHelpOptions = true,
            description = {"Copy this desk's database file (stock, lines, read tables, ledger, alerts) into the empty",
                    "database of the site's PostgreSQL server, in one transaction, and check every table's rows and",
                    "totals before and after it commits. Refused when that database is not empty; the file is only",
                    "read. Then start each desk with --db URL. Logged in as $PGUSER with $PGPASSWORD or ~/.pgpass."})
    static final class CopyToSubcommand implements Callable<Integer> {
        @ParentCommand
        AllocationDeskCommand root;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "URL", description = "The server's database: postgresql://HOST[:PORT]/DATABASE")
        private String url;

        @Override
        public Integer call() {
            return root.runOnPath(spec, path -> {
                Maintenance.Copied copied = Maintenance.copyTo(path, url, root.env());
                PrintWriter out = spec.commandLine().getOut();
                copied.rows().forEach((table, rows) -> out.println(table + "\t" + rows));
                out.println("Copied " + path + " into " + copied.server() + "; every table's rows and totals agree."
                        + " Start each desk with --db " + copied.server());
                out.flush();
                return ExitCode.OK;
            });
        }
    }
}

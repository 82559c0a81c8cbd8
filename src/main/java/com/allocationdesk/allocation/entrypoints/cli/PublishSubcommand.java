package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.outbox.OutboxRelay;
import com.allocationdesk.allocation.outbox.OutboxUnavailable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;

/**
 * {@code publish}: the outbox relay (docs/EVENTS.md "Published: the outbox folder"). {@code --once}
 * publishes everything pending and says how much; {@code --follow} keeps publishing new entries
 * every second until interrupted (Ctrl+C: the file in hand is finished or removed, the database
 * closed). Off by default: without {@code --outbox} or {@value AppConfig#OUTBOX_ENV} it refuses
 * before opening the database.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish the ledger to an outbox folder as JSON Lines files, one entry per line, each with its seq as id.",
                "Delivery is at least once: a consumer that keeps the last seq it processed drops duplicates."})
final class PublishSubcommand extends Subcommand {
    private static final Logger log = LoggerFactory.getLogger(PublishSubcommand.class);
    static final class Mode {
        @Option(names = "--once", description = "Publish every pending entry, then exit.")
        boolean once;
        @Option(names = "--follow",
                description = "Keep publishing new entries every second until interrupted (Ctrl+C).")
        boolean follow;
    }

    /** {@code --per-file}: 1 to {@value OutboxRelay#MAX_ENTRIES_PER_FILE}. */
    static final class PerFile implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            String number = text.strip();
            if (number.matches("[0-9]{1,9}")) {
                int value = Integer.parseInt(number);
                if (value >= 1 && value <= OutboxRelay.MAX_ENTRIES_PER_FILE) {
                    return value;
                }
            }
            throw new TypeConversionException("--per-file must be a whole number from 1 to "
                    + OutboxRelay.MAX_ENTRIES_PER_FILE + ", was '" + text + "'");
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Mode mode;
    @Option(names = "--outbox", paramLabel = "DIR",
            description = "The outbox folder (default: $" + AppConfig.OUTBOX_ENV + "; created when missing).")
    private String outboxOption;
    @Option(names = "--per-file", paramLabel = "N", defaultValue = "" + OutboxRelay.DEFAULT_ENTRIES_PER_FILE,
            converter = PerFile.class, description = "At most N entries per file (default ${DEFAULT-VALUE}).")
    private int perFile;

    private Path folder;

    @Override
    protected void beforeStart() {
        folder = root.outbox(outboxOption).orElseThrow(() -> new BadInput(
                "No outbox folder: pass --outbox DIR or set " + AppConfig.OUTBOX_ENV + "=DIR"));
    }

    /** Never starts the write side: the relay reads the log and stores its progress with plain JDBC. */
    @Override
    protected boolean readsOnly() {
        return true;
    }

    @Override
    protected int execute(Bootstrap app) {
        OutboxRelay relay = app.get(OutboxRelay.class);
        if (mode.once) {
            OutboxRelay.Published published = relay.publishPending(folder, perFile);
            say(summary(published));
            return ExitCode.OK;
        }
        return follow(app, relay);
    }

    /**
     * Publishes, waits a second, again, until stopped ({@link FollowLoop}). A folder it cannot write
     * is told once and tried again every second: nothing is lost, the progress is in the database.
     */
    private int follow(Bootstrap app, OutboxRelay relay) {
        say("Publishing to " + folder + " every second; Ctrl+C stops.");
        int[] entries = {0};
        int[] files = {0};
        String[] lastProblem = {null};
        FollowLoop.run(app, "publish-stop", stop -> {
            String problem = null;
            try {
                OutboxRelay.Published published = relay.publishPending(folder, perFile, stop);
                if (published.files() > 0) {
                    say(summary(published));
                }
                entries[0] += published.entries();
                files[0] += published.files();
            } catch (OutboxUnavailable e) {
                log.warn("Outbox unavailable; trying again in a second", e);
                problem = e.getMessage();
                if (!problem.equals(lastProblem[0])) {
                    say(problem + " (trying again every second)");
                }
            }
            lastProblem[0] = problem;
        }, () -> {
            log.info("Stopped publishing after {} entries in {} files", entries[0], files[0]);
            say("Stopped: " + entries[0] + " entries in " + files[0] + " files published.");
        });
        return ExitCode.OK;
    }

    private String summary(OutboxRelay.Published published) {
        return summary(published, folder);
    }


    /** What one publish pass says: how much it published, and up to which seq, or that nothing was pending. */
    static String summary(OutboxRelay.Published published, Path folder) {
        if (published.files() == 0) {
            return "Nothing to publish: everything up to seq " + published.lastSeq() + " is in " + folder + ".";
        }
        return "Published " + published.entries() + " entries in " + published.files() + " files to " + folder
                + " (up to seq " + published.lastSeq() + ").";
    }
}

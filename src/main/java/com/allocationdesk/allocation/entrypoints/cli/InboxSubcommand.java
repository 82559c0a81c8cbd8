package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.inbox.Inbox;
import com.allocationdesk.allocation.entrypoints.inbox.InboxUnavailable;
import com.allocationdesk.allocation.outbox.OutboxRelay;
import com.allocationdesk.allocation.outbox.OutboxUnavailable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * {@code inbox}: takes the files other systems dropped in the inbox folder (docs/EVENTS.md
 * "Consumed: the inbox folder"), each exactly once. {@code --once} takes every file there (waiting
 * for one still being written to settle) and exits: 0 when every file was taken, 2 when one went to
 * {@code failed/}, 4 when the folder or the database cannot be used. {@code --follow} keeps taking
 * new files every second until interrupted (Ctrl+C: the chunk in hand is finished). Off by default:
 * without {@code --inbox} or {@value AppConfig#INBOX_ENV} it refuses before opening the database.
 */
@Command(name = "inbox", mixinStandardHelpOptions = true,
        description = {"Take the files other systems drop in the inbox folder, each exactly once:",
                "batches or order lines as CSV (the import formats), commands as JSON Lines.",
                "A good file moves to processed/, a bad one to failed/ beside NAME.errors.txt; nothing of a bad file is applied."})
final class InboxSubcommand extends Subcommand {
    private static final Logger log = LoggerFactory.getLogger(InboxSubcommand.class);
    /** At most this many settle times {@code --once} waits for files still being written. */
    private static final int MAX_SETTLE_WAITS = 5;

    static final class Mode {
        @Option(names = "--once", description = "Take every file in the folder, then exit.")
        boolean once;
        @Option(names = "--follow", description = "Keep taking new files every second until interrupted (Ctrl+C).")
        boolean follow;
    }

    /** {@code --settle}: whole seconds, 0 to 3600. */
    static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            String number = text.strip();
            if (number.matches("[0-9]{1,4}") && Integer.parseInt(number) <= 3600) {
                return Duration.ofSeconds(Integer.parseInt(number));
            }
            throw new TypeConversionException("--settle must be a whole number of seconds from 0 to 3600, was '" + text + "'");
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Mode mode;
    @Option(names = "--inbox", paramLabel = "DIR",
            description = "The inbox folder (default: $" + AppConfig.INBOX_ENV + "; it must exist).")
    private String inboxOption;
    @Option(names = "--settle", paramLabel = "SECONDS", defaultValue = "2", converter = Seconds.class,
            description = "A file is taken once it has not changed for this long (default ${DEFAULT-VALUE} s).")
    private Duration settle;
    @Option(names = "--publish",
            description = "Also publish the ledger to the outbox folder after each pass (a desk that runs in the background"
                    + " with no window: one process holds the database, so 'publish' cannot run beside this).")
    private boolean publish;
    @Option(names = "--outbox", paramLabel = "DIR",
            description = "The outbox folder of --publish (default: $" + AppConfig.OUTBOX_ENV + "; created when missing).")
    private String outboxOption;
    @Option(names = "--chunk", paramLabel = "N", defaultValue = "" + Inbox.DEFAULT_CHUNK, hidden = true,
            converter = Arguments.ChunkSize.class)
    private int chunk;

    private Path folder;
    /** The outbox folder of {@code --publish}, or null. */
    private Path outbox;

    @Override
    protected void beforeStart() {
        folder = root.inbox(inboxOption).orElseThrow(() -> new BadInput(
                "No inbox folder: pass --inbox DIR or set " + AppConfig.INBOX_ENV + "=DIR"));
        if (!Files.isDirectory(folder)) {
            throw new BadInput("The inbox folder " + folder + " does not exist or is not a folder; create it first");
        }
        if (outboxOption != null && !publish) {
            throw new BadInput("--outbox is the folder of --publish: add --publish, or leave --outbox out");
        }
        if (publish) {
            outbox = root.outbox(outboxOption).orElseThrow(() -> new BadInput(
                    "No outbox folder for --publish: pass --outbox DIR or set " + AppConfig.OUTBOX_ENV + "=DIR"));
        }
    }

    @Override
    protected int execute(Bootstrap app) {
        Inbox inbox = app.get(Inbox.class);
        OutboxRelay relay = publish ? app.get(OutboxRelay.class) : null;
        if (mode.once) {
            int code = once(inbox);
            if (relay != null) {
                say(PublishSubcommand.summary(relay.publishPending(outbox, OutboxRelay.DEFAULT_ENTRIES_PER_FILE), outbox));
            }
            return code;
        }
        say("Taking files from " + folder + " every second" + (relay == null ? "" : ", publishing to " + outbox)
                + "; Ctrl+C stops.");
        long[] files = {0};
        String[] lastProblem = {null};
        FollowLoop.run(app, "inbox-stop", stop -> {
            String problem;
            try {
                Inbox.Pass pass = inbox.takePending(folder, settle, chunk, stop);
                tell(pass);
                files[0] += pass.files().size();
                problem = pass.problem().map(p -> "Inbox: " + p).orElse(null);
                if (relay != null && problem == null) {
                    OutboxRelay.Published published = relay.publishPending(outbox, OutboxRelay.DEFAULT_ENTRIES_PER_FILE, stop);
                    if (published.files() > 0) {
                        say(PublishSubcommand.summary(published, outbox));
                    }
                }
            } catch (InboxUnavailable e) {
                log.warn("Inbox unavailable; trying again in a second", e);
                problem = "Inbox: " + e.getMessage();
            } catch (OutboxUnavailable e) {
                log.warn("Outbox unavailable; trying again in a second", e);
                problem = "Outbox: " + e.getMessage();
            }
            if (problem != null && !problem.equals(lastProblem[0])) {
                tell(problem + " (trying again every second)");
            }
            lastProblem[0] = problem;
        }, () -> {
            log.info("Stopped taking files after {} files", files[0]);
            say("Stopped: " + files[0] + " files looked at.");
        });
        return ExitCode.OK;
    }

    /** Passes until no file is still being written (at most a few settle times), then the exit code. */
    private int once(Inbox inbox) {
        BooleanSupplier never = () -> false;
        long failed = 0;
        long looked = 0;
        for (int wait = 0; ; wait++) {
            Inbox.Pass pass = inbox.takePending(folder, settle, chunk, never);
            tell(pass);
            failed += pass.count(Inbox.Outcome.FAILED);
            looked += pass.files().size();
            if (pass.problem().isPresent()) {
                throw new InboxUnavailable(pass.problem().get(), null);
            }
            if (pass.notYet().isEmpty() || wait >= MAX_SETTLE_WAITS) {
                pass.notYet().forEach(name -> tell("Not yet: " + name + " is still being written; the next run takes it."));
                break;
            }
            pause(settle);
        }
        if (looked == 0) {
            say("Nothing to take in " + folder + ".");
        }
        return failed > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
    }

    private void tell(Inbox.Pass pass) {
        for (Inbox.FileResult file : pass.files()) {
            switch (file.outcome()) {
                case TAKEN -> tell("Took " + file.name() + ": " + file.message());
                case ALREADY_TAKEN -> tell("Already taken " + file.name() + ": " + file.message());
                case FAILED -> tell("Failed " + file.name() + ": " + file.message() + " (see "
                        + folder.resolve(Inbox.FAILED) + ")");
                case LEFT -> tell("Left " + file.name() + ": " + file.message());
            }
        }
    }

    /**
     * One line per file: its name and its message come from another system (a name may hold a line
     * break, a message quotes the file), so they are shown escaped as on stderr ({@link Terminal}).
     */
    private void tell(String line) {
        say(Terminal.printable(line));
    }

    private static void pause(Duration settle) {
        try {
            Thread.sleep(Math.max(200, settle.toMillis() / 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.DomainException;
import com.allocationdesk.allocation.entrypoints.imports.BatchImport;
import com.allocationdesk.allocation.entrypoints.inbox.Inbox;
import com.allocationdesk.allocation.entrypoints.inbox.InboxUnavailable;
import com.allocationdesk.allocation.entrypoints.imports.UnusableInput;
import com.allocationdesk.allocation.outbox.OutboxUnavailable;
import com.allocationdesk.allocation.servicelayer.ConcurrentModification;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The root of the command line. Each subcommand runs in one {@link #run session}: start the
 * application, do its work, shut the database down, and turn what went wrong into an exit code
 * and one line on stderr (details go to the log file, never a stack trace on the terminal). Every
 * message to stderr goes through {@link Terminal}, which escapes control characters.
 */
@Command(name = "allocation-desk", mixinStandardHelpOptions = true, version = "Allocation Desk 0.1",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Allocate customer order lines to stock batches. With no subcommand, opens the window:",
                "  allocation-desk [--db PATH] [--outbox DIR] [--inbox DIR]",
                "--outbox / --inbox (else $" + AppConfig.OUTBOX_ENV + " / $" + AppConfig.INBOX_ENV
                        + ", else Tools > Connections... in the window) name the folders the window publishes to and takes files from."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done",
                "1:something unexpected (see the log file)",
                "2:bad input or a rule said no; nothing changed",
                "3:out of stock; the line waits and a notification was recorded",
                "4:database unavailable (locked by another process, unreadable, damaged), or the outbox or inbox folder cannot be used"},
        subcommands = {
                WriteSubcommands.AddBatchSubcommand.class,
                WriteSubcommands.AllocateSubcommand.class,
                WriteSubcommands.CancelLineSubcommand.class,
                WriteSubcommands.ChangeQuantitySubcommand.class,
                WriteSubcommands.ChangeLineSubcommand.class,
                ReadSubcommands.AllocationsSubcommand.class,
                ReadSubcommands.BatchesSubcommand.class,
                ReadSubcommands.WaitingSubcommand.class,
                ReadSubcommands.NotificationsSubcommand.class,
                LedgerSubcommands.HistorySubcommand.class,
                LedgerSubcommands.OrderSubcommand.class,
                LedgerSubcommands.EventsSubcommand.class,
                PublishSubcommand.class,
                WriteSubcommands.RebuildViewsSubcommand.class,
                ImportBatchesSubcommand.class,
                ImportOrdersSubcommand.class,
                ExportAllocationsSubcommand.class,
                InboxSubcommand.class,
                MaintenanceSubcommands.CheckSubcommand.class,
                MaintenanceSubcommands.RestoreSubcommand.class,
                MaintenanceSubcommands.CopyToSubcommand.class})
public final class AllocationDeskCommand implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(AllocationDeskCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--db", paramLabel = "PATH|URL", scope = ScopeType.INHERIT,
            description = {"Database file (default: $ALLOCATION_DESK_DB, else the per-user data directory), or the",
                    "site's PostgreSQL server: postgresql://HOST[:PORT]/DATABASE, logged in as $PGUSER with",
                    "$PGPASSWORD or ~/.pgpass (never on the command line)."})
    private String db;

    private final Map<String, String> env;
    private final Function<AppConfig, Bootstrap> starter;

    public AllocationDeskCommand() {
        this(System.getenv(), AllocationDeskCommand::start);
    }

    /** The application as the command line uses it: the core, the imports ({@code import-*}) and the inbox. */
    public static Bootstrap start(AppConfig config) {
        return Bootstrap.builder(config).beansOf(BatchImport.class, Inbox.class).start();
    }

    /** For tests: another environment, and another way to start the application. */
    public AllocationDeskCommand(Map<String, String> env, Function<AppConfig, Bootstrap> starter) {
        this.env = Map.copyOf(env);
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    /**
     * A command line with this project's one-line error handling, ready to {@code execute}. Before
     * anything runs, every argument must be readable text and no option value blank
     * ({@link Arguments}); picocli's {@code @FILE} expansion is off, so {@code @x} is the literal
     * text {@code @x}, never the content of the file {@code x}.
     */
    public static CommandLine commandLine(AllocationDeskCommand root) {
        CommandLine commandLine = new CommandLine(root);
        commandLine.setExpandAtFiles(false);
        commandLine.setParameterExceptionHandler(AllocationDeskCommand::refuse);
        commandLine.setExecutionStrategy(parseResult -> {
            Optional<String> unreadable = Arguments.unreadable(parseResult.originalArgs());
            if (unreadable.isPresent()) {
                Terminal.tell(commandLine.getErr(), unreadable.get());
                return ExitCode.BAD_INPUT;
            }
            Arguments.refuseBlankOptionValues(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> root.failed(e, cmd.getErr()));
        return commandLine;
    }

    /** Runs a headless command line; with no arguments, tells the planner the window is not available. */
    public static int execute(String... args) {
        CommandLine commandLine = commandLine(new AllocationDeskCommand());
        if (args.length == 0) {
            Terminal.tell(commandLine.getErr(), "The window is not available in this build; see --help");
            return ExitCode.BAD_INPUT;
        }
        return commandLine.execute(args);
    }

    /**
     * Checks the arguments the window is started with ({@code --db PATH}, {@code --outbox DIR},
     * {@code --inbox DIR}, each at most once, or none) by the command line's rules: {@link ExitCode#OK},
     * or the planner was told why not ({@link ExitCode#BAD_INPUT}).
     */
    public static int checkWindowArguments(String... args) {
        CommandLine commandLine = new CommandLine(new WindowArguments());
        commandLine.setExpandAtFiles(false);
        PrintWriter err = commandLine.getErr();
        Optional<String> unreadable = Arguments.unreadable(List.of(args));
        if (unreadable.isPresent()) {
            Terminal.tell(err, unreadable.get());
            return ExitCode.BAD_INPUT;
        }
        try {
            Arguments.refuseBlankOptionValues(commandLine.parseArgs(args));
        } catch (CommandLine.ParameterException e) {
            return refuse(e, args);
        }
        WindowArguments window = commandLine.getCommand();
        try {
            AppConfig.outbox(window.outbox, Map.of());
            AppConfig.inbox(window.inbox, Map.of());
        } catch (IllegalArgumentException e) {
            Terminal.tell(err, e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        return ExitCode.OK;
    }

    /** What the window takes: the database, and the two folders of Tools > Connections (which they fix for this run). */
    @Command(name = "allocation-desk")
    static final class WindowArguments {
        @Option(names = "--db", paramLabel = "PATH")
        String db;
        @Option(names = "--outbox", paramLabel = "DIR")
        String outbox;
        @Option(names = "--inbox", paramLabel = "DIR")
        String inbox;
    }

    /** Arguments picocli cannot take (or a blank option value): one line, exit code 2. */
    private static int refuse(CommandLine.ParameterException e, String[] args) {
        // an unreadable argument can make parsing fail too (a quantity of U+FFFD): say why first
        Terminal.tell(e.getCommandLine().getErr(), Arguments.unreadable(List.of(args)).orElseGet(() ->
                // picocli starts some of its own messages (a missing argument group) with "Error: " too
                "Error: " + e.getMessage().replaceFirst("^Error: ", "") + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')"));
        return ExitCode.BAD_INPUT;
    }

    /** No subcommand: show what there is. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** What a subcommand does with a started application; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(Bootstrap app);
    }

    /**
     * Starts the application on the chosen database, runs the work, shuts down; maps failures to
     * exit codes. A run that only reads never starts the write side (Hibernate).
     */
    int run(CommandSpec subcommand, boolean readsOnly, boolean repairsReadModel, Work work) {
        PrintWriter err = subcommand.commandLine().getErr();
        try {
            AppConfig config = readsOnly ? config().readingFirst() : config();
            config = repairsReadModel ? config.repairingReadModel() : config;
            try (Bootstrap app = starter.apply(config)) {
                return work.run(app);
            }
        } catch (RuntimeException | Error e) {
            return failed(e, err);
        }
    }

    /**
     * Runs work on the chosen database's path without starting the application (for {@code check}
     * and {@code restore}, which must work on a database the application refuses); maps failures
     * to exit codes as {@link #run} does.
     */
    int runOnPath(CommandSpec subcommand, Function<Path, Integer> work) {
        try {
            AppConfig config = config();
            if (config.onServer().isPresent()) {
                throw new BadInput("'" + subcommand.name() + "' is for a database file; the server " + config.storeName()
                        + " is checked and backed up with PostgreSQL's own tools (pg_dump, see README)");
            }
            return work.apply(config.databasePath());
        } catch (RuntimeException e) {
            return failed(e, subcommand.commandLine().getErr());
        }
    }

    /** The environment this run was started in (the server login of {@code copy-to}). */
    Map<String, String> env() {
        return env;
    }

    /** Where this run logs (exit code 1 points there). */
    Path logFile() {
        return AppConfig.logFile(env);
    }

    /** The outbox folder of {@code publish}: the option, else the environment's; none when neither is set. */
    Optional<Path> outbox(String optionOrNull) {
        return folder(() -> AppConfig.outbox(optionOrNull, env));
    }

    /** The inbox folder of {@code inbox}: the option, else the environment's; none when neither is set. */
    Optional<Path> inbox(String optionOrNull) {
        return folder(() -> AppConfig.inbox(optionOrNull, env));
    }

    private static Optional<Path> folder(java.util.function.Supplier<Optional<Path>> resolve) {
        try {
            return resolve.get();
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage(), e);
        }
    }

    private AppConfig config() {
        try {
            return AppConfig.from(db, env);
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage(), e);
        }
    }

    /**
     * What went wrong, as an exit code and one line on stderr. Only messages written for the
     * planner are shown (rules, bad input, an unusable database); anything else is told as
     * "something unexpected" with the log file, its details (class names, library text) only in
     * the log.
     */
    private int failed(Throwable e, PrintWriter err) {
        int code;
        String message;
        if (cause(e, OutOfMemoryError.class) != null) {
            return LastResort.outOfMemory(e, err);
        }
        if (e instanceof DomainException || e instanceof BadInput || e instanceof UnusableInput) {
            code = ExitCode.BAD_INPUT;
            message = e.getMessage();
            log.info("Rejected: {}", message);
        } else if (cause(e, DatabaseUnavailable.class) != null) {
            code = ExitCode.DATABASE_UNAVAILABLE;
            message = LastResort.withoutLibraryText(cause(e, DatabaseUnavailable.class), AppConfig.logFile(env));
            log.warn("Database unavailable", e);
        } else if (cause(e, OutboxUnavailable.class) != null) {
            code = ExitCode.DATABASE_UNAVAILABLE;
            message = cause(e, OutboxUnavailable.class).getMessage();
            log.warn("Outbox unavailable", e);
        } else if (cause(e, InboxUnavailable.class) != null) {
            code = ExitCode.DATABASE_UNAVAILABLE;
            message = cause(e, InboxUnavailable.class).getMessage();
            log.warn("Inbox unavailable", e);
        } else if (e instanceof ConcurrentModification) {
            code = ExitCode.UNEXPECTED;
            message = e.getMessage() + " (log: " + AppConfig.logFile(env) + ")";
            log.warn("Gave up after concurrent changes", e);
        } else {
            code = ExitCode.UNEXPECTED;
            message = LastResort.unexpected(AppConfig.logFile(env));
            log.error("Unexpected failure", e);
        }
        if (e instanceof BadInput bad && !bad.lines().isEmpty()) {
            Terminal.tell(err, bad.lines());
        } else {
            Terminal.tell(err, message);
        }
        return code;
    }

    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}

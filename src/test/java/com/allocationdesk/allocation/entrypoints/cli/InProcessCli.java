package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs the command line in this JVM exactly as {@code Main} does (same picocli wiring, exit codes,
 * messages), with stdout and stderr captured. Shared by the CLI, reliability and benchmark tests.
 */
public final class InProcessCli {
    /** What one run printed and returned. */
    public record Run(int code, String out, String err) {
        public List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
        }
    }

    private InProcessCli() {
    }

    /** {@code --db db} followed by {@code args}, on the real bootstrap. */
    public static Run onDatabase(Path db, String... args) {
        return run(AllocationDeskCommand::start, withDatabase(db, args));
    }

    /** {@code --db db} followed by {@code args}, with {@code starter} standing in for {@code AllocationDeskCommand::start}. */
    public static Run onDatabase(Path db, Function<AppConfig, Bootstrap> starter, String... args) {
        return run(starter, withDatabase(db, args));
    }

    /** {@code --db db} followed by {@code args}, on the real bootstrap, with these environment variables. */
    public static Run onDatabase(Map<String, String> env, Path db, String... args) {
        return run(env, AllocationDeskCommand::start, withDatabase(db, args));
    }

    /** Exactly these arguments. */
    public static Run run(Function<AppConfig, Bootstrap> starter, String... args) {
        return run(Map.of(), starter, args);
    }

    /** Exactly these arguments, in this environment (e.g. an {@code XDG_DATA_HOME} of the test's own). */
    public static Run run(Map<String, String> env, Function<AppConfig, Bootstrap> starter, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = AllocationDeskCommand.commandLine(new AllocationDeskCommand(env, starter));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] withDatabase(Path db, String... args) {
        return Stream.concat(Stream.of("--db", db.toString()), Stream.of(args)).toArray(String[]::new);
    }
}

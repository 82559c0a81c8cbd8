package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Bootstrap;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every subcommand shares: the root command (global options, start-up, failure-to-exit-code
 * mapping) and its own spec for output. A subcommand only says what it does with the started
 * application in {@link #execute}.
 */
abstract class Subcommand implements Callable<Integer> {
    @ParentCommand
    AllocationDeskCommand root;
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        beforeStart();
        return root.run(spec, readsOnly(), repairsReadModel(), this::execute);
    }

    /** Checks what can be checked before the database is opened; throws {@link BadInput} (exit 2) when it fails. */
    protected void beforeStart() {
    }

    /**
     * True for {@code rebuild-views}: the database may be opened although its read tables do not
     * match the stock records (that is what it repairs), as long as the stock records themselves add up.
     */
    protected boolean repairsReadModel() {
        return false;
    }

    /** True for a subcommand that never changes anything: it then never starts the write side. */
    protected boolean readsOnly() {
        return false;
    }

    /** Runs against the started application; returns the exit code. */
    protected abstract int execute(Bootstrap app);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints one line of the subcommand's result on stdout. */
    void say(String line) {
        out().println(line);
        out().flush();
    }
}

package com.allocationdesk.allocation.entrypoints.ui.connections;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One connection's folder as it applies now: where it comes from, the folder (null when none is
 * set), whether it is on, and what is wrong with it ({@code problem}, empty when nothing is: a
 * folder that is not a path, the inbox set to the outbox's folder). Only an {@link #active} folder
 * is used.
 */
public record FolderSetting(Connection connection, Source source, Path folder, boolean on, String problem) {
    /** Where a folder comes from, strongest first. */
    public enum Source {
        /** {@code --outbox} / {@code --inbox}: on, and fixed for this run. */
        OPTION,
        /** {@code ALLOCATION_DESK_OUTBOX} / {@code ALLOCATION_DESK_INBOX}: on, and fixed for this run. */
        ENVIRONMENT,
        /** Tools ▸ Connections…, kept in {@code PATH.settings} beside the database. */
        SAVED
    }

    public FolderSetting {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(problem, "problem");
    }

    /** Set by the option or the environment: the settings dialog shows it and cannot change it. */
    public boolean fixed() {
        return source != Source.SAVED;
    }

    /** The folder to use: on, set, and nothing wrong with it. */
    public Optional<Path> active() {
        return on && folder != null && problem.isEmpty() ? Optional.of(folder) : Optional.empty();
    }

    /** What set it, for the planner: "--outbox", "ALLOCATION_DESK_OUTBOX", "the saved settings". */
    public String origin() {
        return switch (source) {
            case OPTION -> connection.option();
            case ENVIRONMENT -> connection.environmentVariable();
            case SAVED -> "the saved settings";
        };
    }

    /** The same, with {@code problem}: not used. */
    FolderSetting withProblem(String text) {
        return new FolderSetting(connection, source, folder, on, text);
    }
}

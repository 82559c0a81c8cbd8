package com.allocationdesk.allocation.entrypoints.exports;

import java.nio.file.Path;

/**
 * An export that could not be written, in the planner's words ("Cannot write FILE: the disk is
 * full"). Nothing was written: a file that was there before is left as it was.
 */
public final class ExportFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    ExportFailed(Path file, String why, Throwable cause) {
        this(file, file.toString(), why, cause);
    }

    /** {@code shown}: how the message names the file (e.g. "x.csv (a link to /y)"). */
    ExportFailed(Path file, String shown, String why, Throwable cause) {
        super("Cannot write " + shown + ": " + why, cause);
        this.file = file;
    }

    /** The file the planner named. */
    public Path file() {
        return file;
    }
}

package com.allocationdesk.allocation.outbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The outbox folder cannot be created or written (no such parent, not a folder, no permission, a
 * full disk). Nothing was half-published: the temporary file was removed and the progress is as
 * it was. The message is written for the planner (CLI exit code 4); {@link #folder} and
 * {@link #reason} are its parts, for a shorter line (the window's status bar).
 */
public final class OutboxUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path folder;
    private final String reason;

    /**
     * @param reason    the planner's words for what went wrong ("permission denied", "no space left on device")
     * @param lastSeq   the progress, which the next publish starts after
     */
    public OutboxUnavailable(Path folder, String reason, long lastSeq, Throwable cause) {
        super("Cannot write to the outbox folder " + folder + " (" + reason
                + "); nothing was half-published, the next publish starts after seq " + lastSeq, cause);
        this.folder = Objects.requireNonNull(folder, "folder");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The folder that could not be written. */
    public Path folder() {
        return folder;
    }

    /** What went wrong, in a few words ("a file of that name is in the way"). */
    public String reason() {
        return reason;
    }
}

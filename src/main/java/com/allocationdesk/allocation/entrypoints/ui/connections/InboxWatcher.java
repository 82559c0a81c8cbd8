package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.entrypoints.inbox.Inbox;
import com.allocationdesk.allocation.entrypoints.inbox.InboxUnavailable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The inbox as the window runs it (the command line's {@code inbox --follow} cannot run beside the
 * window, which holds the database): while the inbox is on ({@link ConnectionSettings}), one daemon
 * thread, {@code desk-inbox}, takes the complete files in the folder every {@value #PERIOD_MILLIS}
 * ms and after each change of the settings ({@link Inbox#takePending}). What it takes goes through
 * the bus, so the views refresh and the outbox publishes it as for any other change.
 * <p>
 * The status bar tells the last file taken and how many failed since the window opened ("Inbox: 3
 * files taken, last orders.csv at 14:03:07; 1 failed, see failed/"); a click opens the folder. A
 * folder that cannot be read, or a database that cannot be used, is one line ("Inbox: cannot read …
 * — retrying") and a warning in the log; the file stays where it is and the next pass tries again.
 * {@link #stop()} lets the chunk in hand finish.
 */
@ApplicationScoped
public class InboxWatcher extends ConnectionLoop {
    /** How often the folder is looked at. */
    public static final long PERIOD_MILLIS = 1_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Logger log = LoggerFactory.getLogger(InboxWatcher.class);

    private final Inbox inbox;
    private final Clock clock;
    // the thread's own state, since the window opened
    private long taken;
    private long failedFiles;
    private String lastName;
    private Instant lastAt;

    @Inject
    public InboxWatcher(Inbox inbox, ConnectionSettings settings, Clock clock) {
        super(Connection.INBOX, settings, "desk-inbox", PERIOD_MILLIS, 0);
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected List<AutoCloseable> subscribe(Runnable wake) {
        return List.of();
    }

    @Override
    protected void newFolder(Path folder, String origin) {
        log.info("Taking files from the inbox folder {} (set by {})", folder, origin);
    }

    @Override
    protected void passIn(Path folder, BooleanSupplier stopping) {
        try {
            Inbox.Pass pass = inbox.takePending(folder, Inbox.DEFAULT_SETTLE, Inbox.DEFAULT_CHUNK, stopping);
            for (Inbox.FileResult file : pass.files()) {
                switch (file.outcome()) {
                    case TAKEN, ALREADY_TAKEN -> {
                        taken++;
                        lastName = file.name();
                        lastAt = clock.instant();
                    }
                    case FAILED -> failedFiles++;
                    case LEFT -> { }
                }
            }
            if (pass.problem().isPresent()) {
                failed(pass.problem().get(), folder, null);
            } else {
                working(new ConnectionState(summary(), failedFiles > 0, Optional.of(folder)),
                        "the folder " + folder + " can be read again");
            }
        } catch (InboxUnavailable e) {
            failed(e.getMessage(), folder, e);
        } catch (RuntimeException e) {
            failed("something went wrong (details are in the log)", folder, e);
        }
    }

    private String summary() {
        if (taken == 0 && failedFiles == 0) {
            return "Inbox: on, no file yet";
        }
        StringBuilder text = new StringBuilder("Inbox: ").append(taken).append(taken == 1 ? " file" : " files")
                .append(" taken");
        if (lastName != null) {
            text.append(", last ").append(lastName).append(" at ").append(TIME.format(lastAt.atZone(ZoneId.systemDefault())));
        }
        if (failedFiles > 0) {
            text.append("; ").append(failedFiles).append(" failed, see ").append(Inbox.FAILED).append('/');
        }
        return text.toString();
    }
}

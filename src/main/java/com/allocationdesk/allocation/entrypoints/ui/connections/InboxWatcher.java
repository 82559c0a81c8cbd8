package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.entrypoints.inbox.Inbox;
import com.allocationdesk.allocation.entrypoints.inbox.InboxUnavailable;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
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
    private final ConnectionSettings settings;
    private final Clock clock;
    // the thread's own state
    private long taken;
    private long failed;
    private String lastName;
    private Instant lastAt;
    private String lastFailure;

    @Inject
    public InboxWatcher(Inbox inbox, ConnectionSettings settings, Clock clock) {
        super(Connection.INBOX, "desk-inbox", PERIOD_MILLIS, 0, initial(settings.current(Connection.INBOX)));
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static ConnectionState initial(FolderSetting setting) {
        return setting.active().map(folder -> ConnectionState.fine("Inbox: starting…", folder))
                .orElseGet(() -> notActive(setting));
    }

    @Override
    protected List<AutoCloseable> subscribe(Runnable wake) {
        return List.of(settings.onChange(wake));
    }

    /** Also stops with the container, if the window did not stop it first. */
    @PreDestroy
    @Override
    public void stop() {
        super.stop();
    }

    @Override
    protected void pass(BooleanSupplier stopping) {
        FolderSetting setting = settings.current(Connection.INBOX);
        Optional<Path> active = setting.active();
        if (active.isEmpty()) {
            lastFailure = null;
            status.set(notActive(setting));
            return;
        }
        Path folder = active.get();
        if (!folder.equals(lastFolder)) {
            lastFolder = folder;
            log.info("Taking files from the inbox folder {} (set by {})", folder, setting.origin());
        }
        try {
            if (!Files.isDirectory(folder)) {
                throw new InboxUnavailable("Cannot read the inbox folder " + folder + " (it is gone or not a folder)", null);
            }
            Inbox.Pass pass = inbox.takePending(folder, Inbox.DEFAULT_SETTLE, Inbox.DEFAULT_CHUNK, stopping);
            for (Inbox.FileResult file : pass.files()) {
                switch (file.outcome()) {
                    case TAKEN, ALREADY_TAKEN -> {
                        taken++;
                        lastName = file.name();
                        lastAt = clock.instant();
                    }
                    case FAILED -> failed++;
                    case LEFT -> { }
                }
            }
            if (pass.problem().isPresent()) {
                unavailable(pass.problem().get(), folder, null);
                return;
            }
            if (lastFailure != null) {
                log.info("The inbox folder {} can be read again", folder);
                lastFailure = null;
            }
            status.set(new ConnectionState(summary(), failed > 0, Optional.of(folder)));
        } catch (InboxUnavailable e) {
            unavailable(e.getMessage(), folder, e);
        } catch (RuntimeException e) {
            unavailable("something went wrong (details are in the log)", folder, e);
        }
    }

    private String summary() {
        if (taken == 0 && failed == 0) {
            return "Inbox: on, no file yet";
        }
        StringBuilder text = new StringBuilder("Inbox: ").append(taken).append(taken == 1 ? " file" : " files")
                .append(" taken");
        if (lastName != null) {
            text.append(", last ").append(lastName).append(" at ").append(TIME.format(lastAt.atZone(ZoneId.systemDefault())));
        }
        if (failed > 0) {
            text.append("; ").append(failed).append(" failed, see ").append(Inbox.FAILED).append('/');
        }
        return text.toString();
    }

    /** One line on the status bar; the log gets the first of a kind with its cause, repeats only at debug level. */
    private void unavailable(String what, Path folder, RuntimeException e) {
        if (!what.equals(lastFailure)) {
            log.warn("Inbox: {}; retrying every {} s, nothing is taken twice", what, PERIOD_MILLIS / 1000, e);
        } else {
            log.debug("Inbox still unavailable: {}", what);
        }
        lastFailure = what;
        status.set(ConnectionState.failed("Inbox: " + what + " — retrying", folder));
    }
}

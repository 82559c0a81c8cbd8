package com.allocationdesk.allocation.entrypoints.ui.connections;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The inbox's item on the status bar while the window does not take files in itself yet: it tells
 * what the settings say ("Inbox: off", or the folder, not watched yet, or what is wrong with it).
 * The inbox's own service replaces it in {@link WindowConnections} once it runs in the window.
 */
@ApplicationScoped
public class InboxSettingsStatus implements ConnectionStatus {
    private static final Logger log = LoggerFactory.getLogger(InboxSettingsStatus.class);

    private final StatusLine status;
    private final AutoCloseable subscription;

    @Inject
    public InboxSettingsStatus(ConnectionSettings settings) {
        this.status = new StatusLine(stateOf(settings.current(Connection.INBOX)));
        this.subscription = settings.onChange(() -> status.set(stateOf(settings.current(Connection.INBOX))));
    }

    static ConnectionState stateOf(FolderSetting inbox) {
        if (!inbox.problem().isEmpty()) {
            return ConnectionState.failed("Inbox: " + inbox.problem(), null);
        }
        Path folder = inbox.active().orElse(null);
        return folder == null ? ConnectionState.off(Connection.INBOX)
                : ConnectionState.fine("Inbox: " + folder + " (not taken in by this window yet)", folder);
    }

    @Override
    public ConnectionState state() {
        return status.state();
    }

    @Override
    public AutoCloseable onChange(Consumer<ConnectionState> listener) {
        return status.onChange(listener);
    }

    @PreDestroy
    void unsubscribe() {
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("Could not stop listening to the settings", e);
        }
    }
}

package com.allocationdesk.allocation.entrypoints.ui.notifications;

import com.allocationdesk.allocation.domain.commands.MarkNotificationsRead;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.DisplayFormats;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.Reloader;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.NotificationRow;
import com.allocationdesk.allocation.queries.NotificationsQuery;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * The out-of-stock alerts panel: the latest alerts (stored, so they survive a restart) with their
 * states, the count of open ones (the badge: the lines that wait, as many as the Waiting list
 * shows) and the count of unread ones (the title, and Mark all read).
 */
@Dependent
public class NotificationsViewModel {
    public static final int SHOWN = 200;

    private record Snapshot(List<NotificationRow> recent, int unread, int open) {
    }

    private final MessageBus bus;
    private final WorkState work;
    private final ObservableList<NotificationRow> items = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper unreadCount = new ReadOnlyIntegerWrapper(this, "unreadCount", 0);
    private final ReadOnlyIntegerWrapper openCount = new ReadOnlyIntegerWrapper(this, "openCount", 0);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Out-of-stock alerts");
    private final Reloader<Snapshot> reloader;

    @Inject
    public NotificationsViewModel(MessageBus bus, BackgroundRunner runner, NotificationsQuery query, LiveUpdates live) {
        this.bus = bus;
        this.work = new WorkState(runner);
        this.reloader = new Reloader<>(runner, () -> new Snapshot(query.recent(SHOWN), query.unreadCount(), query.openCount()),
                this::show, work::fail);
        live.onChange(LiveUpdates.Topic.NOTIFICATIONS, this::reload);
        // an allocated or cancelled line resolves its alert
        live.onChange(LiveUpdates.Topic.WAITING, this::reload);
    }

    public void reload() {
        reloader.reload();
    }

    /** What Mark all read asks first, naming how many alerts it would mark. */
    public String markAllReadQuestion() {
        int unread = unreadCount.get();
        return "Mark " + (unread == 1 ? "the 1 unread out-of-stock alert" : "all " + DisplayFormats.number(unread)
                + " unread out-of-stock alerts") + " read? They stay in the panel, no longer in bold; this cannot be undone.";
    }

    /** The button that confirms it. */
    public String markAllReadAnswer() {
        return "Mark " + DisplayFormats.number(unreadCount.get()) + " read";
    }

    /** Sends MarkNotificationsRead: the unread count drops to zero. */
    public void markAllRead() {
        work.task(progress -> bus.handle(new MarkNotificationsRead()))
                .onSuccess(ok -> reload())
                .start();
    }

    private void show(Snapshot snapshot) {
        work.clearError();
        items.setAll(snapshot.recent());
        unreadCount.set(snapshot.unread());
        openCount.set(snapshot.open());
        title.set(snapshot.unread() == 0 ? "Out-of-stock alerts"
                : "Out-of-stock alerts (" + DisplayFormats.number(snapshot.unread()) + " unread)");
    }

    public ObservableList<NotificationRow> items() {
        return items;
    }

    public ReadOnlyIntegerProperty unreadCountProperty() {
        return unreadCount.getReadOnlyProperty();
    }

    /** The open alerts: the lines waiting for stock, one alert each. */
    public ReadOnlyIntegerProperty openCountProperty() {
        return openCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return work.errorMessageProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }
}

package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.servicelayer.EventHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.Notifications;

/** Tells the planner at once that a line could not be allocated. */
public final class NotifyOutOfStockHandler implements EventHandler<OutOfStock> {
    private final Notifications notifications;

    public NotifyOutOfStockHandler(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void handle(OutOfStock event, HandlerContext context) {
        notifications.outOfStock(event);
    }
}

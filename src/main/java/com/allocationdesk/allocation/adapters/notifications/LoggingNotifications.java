package com.allocationdesk.allocation.adapters.notifications;

import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.servicelayer.Notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes out-of-stock notices to the log. Storing them for the planner is the read model's job
 * ({@code ReadModelProjection}); showing them live is the window's, through the EventBroadcaster.
 */
public final class LoggingNotifications implements Notifications {
    private static final Logger log = LoggerFactory.getLogger(LoggingNotifications.class);

    @Override
    public void outOfStock(OutOfStock event) {
        log.warn("Out of stock: order {} waits for {} x {} since {}", event.orderId(), event.quantity(),
                event.sku(), event.since());
    }
}

package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.events.OutOfStock;

/** Port: tells the planner about stock trouble (window alert, stored notification, log line...). */
public interface Notifications {
    void outOfStock(OutOfStock event);
}

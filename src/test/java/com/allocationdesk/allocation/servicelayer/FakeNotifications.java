package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.events.OutOfStock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every out-of-stock notice sent to the planner. */
public final class FakeNotifications implements Notifications {
    private final List<OutOfStock> sent = new CopyOnWriteArrayList<>();

    @Override
    public void outOfStock(OutOfStock event) {
        sent.add(event);
    }

    public List<OutOfStock> sent() {
        return List.copyOf(sent);
    }
}

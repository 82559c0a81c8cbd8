package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.servicelayer.EventHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;

/**
 * A shrinking batch gave a line back: allocate it again, through the bus, so it lands in another
 * batch or waits (and the planner hears of it). Until then the product keeps it as waiting, so a
 * crash in between loses nothing.
 */
public final class ReallocateHandler implements EventHandler<Deallocated> {
    @Override
    public void handle(Deallocated event, HandlerContext context) {
        context.emit(new Allocate(event.orderId(), event.sku(), event.quantity()));
    }
}

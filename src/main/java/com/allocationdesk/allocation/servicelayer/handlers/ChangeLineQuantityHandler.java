package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.Consequences;
import com.allocationdesk.allocation.domain.InvalidSku;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.commands.ChangeLineQuantity;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import java.time.Clock;

/**
 * Changes an order line's quantity, keeping its place in the queue; a line that no longer fits its
 * batch is placed again or waits, and freed stock serves the queue, all by the domain in this one
 * unit of work.
 */
public final class ChangeLineQuantityHandler implements CommandHandler<ChangeLineQuantity, Consequences> {
    private final Clock clock;

    public ChangeLineQuantityHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Consequences handle(ChangeLineQuantity command, HandlerContext context) {
        UnitOfWork uow = context.uow();
        Product product = uow.products().get(command.sku()).orElseThrow(() -> new InvalidSku(command.sku()));
        Consequences consequences = product.changeLineQuantity(command.orderId(), command.quantity(), clock.instant());
        uow.commit();
        return consequences;
    }
}

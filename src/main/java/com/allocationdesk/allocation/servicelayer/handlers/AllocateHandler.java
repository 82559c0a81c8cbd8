package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.InvalidSku;
import com.allocationdesk.allocation.domain.OrderLine;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import java.time.Clock;
import java.util.Optional;

/** Allocates an order line; empty result: out of stock, the line waits. */
public final class AllocateHandler implements CommandHandler<Allocate, Optional<String>> {
    private final Clock clock;

    public AllocateHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<String> handle(Allocate command, HandlerContext context) {
        UnitOfWork uow = context.uow();
        Product product = uow.products().get(command.sku()).orElseThrow(() -> new InvalidSku(command.sku()));
        Optional<String> batch = product.allocate(
                new OrderLine(command.orderId(), command.sku(), command.quantity()), clock.instant());
        uow.commit();
        return batch;
    }
}

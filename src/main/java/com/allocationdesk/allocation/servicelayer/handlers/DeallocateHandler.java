package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.InvalidSku;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.commands.Deallocate;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

/** Cancels an order's line of a SKU (allocated or waiting); it is not reallocated. */
public final class DeallocateHandler implements CommandHandler<Deallocate, Void> {
    @Override
    public Void handle(Deallocate command, HandlerContext context) {
        UnitOfWork uow = context.uow();
        Product product = uow.products().get(command.sku()).orElseThrow(() -> new InvalidSku(command.sku()));
        product.deallocate(command.orderId());
        uow.commit();
        return null;
    }
}

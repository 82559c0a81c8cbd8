package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.InvalidSku;
import com.allocationdesk.allocation.domain.Consequences;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

/** Cancels an order's line of a SKU (allocated or waiting); it is not reallocated. */
public final class CancelLineHandler implements CommandHandler<CancelLine, Consequences> {
    @Override
    public Consequences handle(CancelLine command, HandlerContext context) {
        UnitOfWork uow = context.uow();
        Product product = uow.products().get(command.sku()).orElseThrow(() -> new InvalidSku(command.sku()));
        Consequences consequences = product.cancelLine(command.orderId());
        uow.commit();
        return consequences;
    }
}

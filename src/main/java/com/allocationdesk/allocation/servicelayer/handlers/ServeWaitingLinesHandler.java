package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.InvalidSku;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.commands.ServeWaitingLines;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

/** Places a SKU's waiting lines that fit free stock, in one unit of work; returns how many.
 * Nothing placed: nothing is written (the unit of work rolls back, the version stays). */
public final class ServeWaitingLinesHandler implements CommandHandler<ServeWaitingLines, Integer> {
    @Override
    public Integer handle(ServeWaitingLines command, HandlerContext context) {
        UnitOfWork uow = context.uow();
        Product product = uow.products().get(command.sku()).orElseThrow(() -> new InvalidSku(command.sku()));
        int placed = product.serveWaitingLines();
        if (placed > 0) {
            uow.commit();
        }
        return placed;
    }
}

package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.Consequences;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.UnknownBatch;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import java.time.Clock;

/**
 * Corrects a batch's quantity. Lines it can no longer hold are given back and reallocated by the
 * domain in this same unit of work (Deallocated, then Allocated or OutOfStock): one commit, so a
 * crash cannot leave them half done.
 */
public final class ChangeBatchQuantityHandler implements CommandHandler<ChangeBatchQuantity, Consequences> {
    private final Clock clock;

    public ChangeBatchQuantityHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Consequences handle(ChangeBatchQuantity command, HandlerContext context) {
        UnitOfWork uow = context.uow();
        Product product = uow.products().getByBatchReference(command.reference())
                .orElseThrow(() -> new UnknownBatch(command.reference()));
        Consequences consequences = product.changeBatchQuantity(command.reference(), command.quantity(), clock.instant());
        uow.commit();
        return consequences;
    }
}

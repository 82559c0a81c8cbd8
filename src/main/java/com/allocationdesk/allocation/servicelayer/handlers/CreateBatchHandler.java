package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.DuplicateBatch;
import com.allocationdesk.allocation.domain.Consequences;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

/** Adds a batch to its SKU's product, creating the product on the SKU's first batch. */
public final class CreateBatchHandler implements CommandHandler<CreateBatch, Consequences> {
    @Override
    public Consequences handle(CreateBatch command, HandlerContext context) {
        UnitOfWork uow = context.uow();
        if (uow.products().getByBatchReference(command.reference()).isPresent()) {
            throw new DuplicateBatch(command.reference());
        }
        Product product = uow.products().get(command.sku()).orElseGet(() -> {
            Product created = new Product(command.sku());
            uow.products().add(created);
            return created;
        });
        Consequences consequences = product.addBatch(command.reference(), command.quantity(), command.eta());
        uow.commit();
        return consequences;
    }
}

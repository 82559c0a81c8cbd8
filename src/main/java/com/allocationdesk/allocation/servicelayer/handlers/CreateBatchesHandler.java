package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.Batch;
import com.allocationdesk.allocation.domain.DuplicateBatch;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.CreateBatches;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Creates a chunk of batches in one unit of work and commits once. Batches that already exist
 * identically are skipped (re-run of an interrupted import); a conflicting one rejects the chunk.
 * Every reference of the chunk is looked up at once, whichever SKU holds it; the products the chunk
 * adds to are loaded together, and their other batches are not read unless a waiting line needs
 * them (docs/decisions/0022).
 */
public final class CreateBatchesHandler implements CommandHandler<CreateBatches, Integer> {
    @Override
    public Integer handle(CreateBatches command, HandlerContext context) {
        UnitOfWork uow = context.uow();
        Set<String> skus = new LinkedHashSet<>();
        Set<String> references = new LinkedHashSet<>();
        command.batches().forEach(batch -> {
            skus.add(batch.sku());
            references.add(batch.reference());
        });
        Map<String, Product> products = new HashMap<>(uow.products().getAll(skus));
        Map<String, Known> known = new HashMap<>();
        uow.products().getAllByBatchReference(references).forEach((reference, owner) -> {
            products.putIfAbsent(owner.sku(), owner);
            Batch batch = owner.batch(reference).orElseThrow();
            known.put(reference, new Known(batch.sku(), batch.purchasedQuantity(), batch.eta()));
        });
        int created = 0;
        for (CreateBatch wanted : command.batches()) {
            Known existing = known.get(wanted.reference());
            if (existing != null) {
                if (!existing.equals(Known.of(wanted))) {
                    throw new DuplicateBatch(wanted.reference());
                }
                continue;
            }
            Product product = products.get(wanted.sku());
            if (product == null) {
                product = new Product(wanted.sku());
                uow.products().add(product);
                products.put(wanted.sku(), product);
            }
            product.addBatch(wanted.reference(), wanted.quantity(), wanted.eta());
            known.put(wanted.reference(), Known.of(wanted));
            created++;
        }
        uow.commit();
        return created;
    }

    /** A batch of the chunk's references, stored or created by the chunk: what a row must match to be skipped. */
    private record Known(String sku, int quantity, LocalDate eta) {
        static Known of(CreateBatch wanted) {
            return new Known(wanted.sku(), wanted.quantity(), wanted.eta());
        }
    }
}

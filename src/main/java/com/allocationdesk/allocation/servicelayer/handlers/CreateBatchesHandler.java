package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.Batch;
import com.allocationdesk.allocation.domain.DuplicateBatch;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.CreateBatches;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates a chunk of batches in one unit of work and commits once. Batches that already exist
 * identically are skipped (re-run of an interrupted import); a conflicting one rejects the chunk.
 */
public final class CreateBatchesHandler implements CommandHandler<CreateBatches, Integer> {
    @Override
    public Integer handle(CreateBatches command, HandlerContext context) {
        UnitOfWork uow = context.uow();
        Set<String> skus = new LinkedHashSet<>();
        command.batches().forEach(batch -> skus.add(batch.sku()));
        Map<String, Product> products = new LinkedHashMap<>(uow.products().getAll(skus));
        int created = 0;
        for (CreateBatch wanted : command.batches()) {
            Optional<Batch> existing = findBatch(wanted.reference(), products, uow);
            if (existing.isPresent()) {
                if (!isSame(existing.get(), wanted)) {
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
            created++;
        }
        uow.commit();
        return created;
    }

    private static Optional<Batch> findBatch(String reference, Map<String, Product> products, UnitOfWork uow) {
        for (Product product : products.values()) {
            Optional<Batch> batch = product.batch(reference);
            if (batch.isPresent()) {
                return batch;
            }
        }
        Optional<Product> owner = uow.products().getByBatchReference(reference);
        owner.ifPresent(p -> products.putIfAbsent(p.sku(), p));
        return owner.flatMap(p -> p.batch(reference));
    }

    private static boolean isSame(Batch batch, CreateBatch wanted) {
        return batch.sku().equals(wanted.sku()) && batch.purchasedQuantity() == wanted.quantity()
                && Objects.equals(batch.eta(), wanted.eta());
    }
}

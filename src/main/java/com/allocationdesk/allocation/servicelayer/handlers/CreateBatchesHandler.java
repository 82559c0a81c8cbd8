package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.Batch;
import com.allocationdesk.allocation.domain.DuplicateBatch;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.CreateBatches;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
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
        Map<String, Product> products = new HashMap<>(uow.products().getAll(skus));
        Map<String, Batch> known = new HashMap<>();
        products.values().forEach(product -> remember(product, known));
        int created = 0;
        for (CreateBatch wanted : command.batches()) {
            Batch existing = known.get(wanted.reference());
            if (existing == null) {
                // a reference may already be used by a SKU outside this chunk
                uow.products().getByBatchReference(wanted.reference()).ifPresent(owner -> {
                    products.putIfAbsent(owner.sku(), owner);
                    remember(owner, known);
                });
                existing = known.get(wanted.reference());
            }
            if (existing != null) {
                if (!isSame(existing, wanted)) {
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
            known.put(wanted.reference(), product.batch(wanted.reference()).orElseThrow());
            created++;
        }
        uow.commit();
        return created;
    }

    /** Indexes the product's batches by reference: a chunk of 500 rows checks each in O(1). */
    private static void remember(Product product, Map<String, Batch> known) {
        product.batches().forEach(batch -> known.put(batch.reference(), batch));
    }

    private static boolean isSame(Batch batch, CreateBatch wanted) {
        return batch.sku().equals(wanted.sku()) && batch.purchasedQuantity() == wanted.quantity()
                && Objects.equals(batch.eta(), wanted.eta());
    }
}

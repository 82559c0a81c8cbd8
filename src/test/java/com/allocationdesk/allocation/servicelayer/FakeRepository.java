package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.Product;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory products, shared by every {@link FakeUnitOfWork} of one {@link FakeUnitOfWork.Store}. */
final class FakeRepository extends ProductRepository {
    private final Map<String, Product> products;
    /** What each product this unit of work loaded looked like when it was loaded (for a rollback). */
    private final Map<Product, Product> loaded = new IdentityHashMap<>();
    /** The products this unit of work added. */
    private final List<Product> added = new ArrayList<>();

    FakeRepository(Map<String, Product> products) {
        this.products = products;
    }

    /** The unit of work committed: what it changed stays. */
    void committed() {
        loaded.clear();
        added.clear();
    }

    /** The unit of work rolled back: every product it loaded is put back as it was, and those it added go. */
    void rolledBack() {
        loaded.forEach(Snapshots::restore);
        added.forEach(product -> products.remove(product.sku(), product));
        committed();
    }

    private Product remember(Product product) {
        loaded.computeIfAbsent(product, Snapshots::copy);
        return product;
    }

    static Map<String, Product> newStore() {
        return new ConcurrentHashMap<>();
    }

    @Override
    protected void store(Product product) {
        products.put(product.sku(), product);
        added.add(product);
    }

    @Override
    protected Optional<Product> loadBySku(String sku) {
        return Optional.ofNullable(products.get(sku)).map(this::remember);
    }

    @Override
    protected Optional<Product> loadByBatchReference(String reference) {
        return products.values().stream().filter(p -> p.batch(reference).isPresent()).findFirst().map(this::remember);
    }
}

package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.Product;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory products, shared by every {@link FakeUnitOfWork} of one {@link FakeUnitOfWork.Store}. */
final class FakeRepository extends ProductRepository {
    private final Map<String, Product> products;

    FakeRepository(Map<String, Product> products) {
        this.products = products;
    }

    static Map<String, Product> newStore() {
        return new ConcurrentHashMap<>();
    }

    @Override
    protected void store(Product product) {
        products.put(product.sku(), product);
    }

    @Override
    protected Optional<Product> loadBySku(String sku) {
        return Optional.ofNullable(products.get(sku));
    }

    @Override
    protected Optional<Product> loadByBatchReference(String reference) {
        return products.values().stream().filter(p -> p.batch(reference).isPresent()).findFirst();
    }
}

package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.Product;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Port: the only way to reach {@link Product} aggregates. It remembers every product it handed out
 * or was given ("seen"), so the unit of work can collect their events after a handler ran; adapters
 * implement the three {@code load}/{@code store} methods and get the tracking for free.
 */
public abstract class ProductRepository {
    private final Set<Product> seen = new LinkedHashSet<>();

    public final void add(Product product) {
        store(product);
        seen.add(product);
    }

    public final Optional<Product> get(String sku) {
        return track(loadBySku(sku));
    }

    /**
     * The products of these SKUs that exist, by SKU; one round trip where the adapter can, so a
     * chunk of 500 lines does not load its products one query at a time.
     */
    public final Map<String, Product> getAll(Collection<String> skus) {
        Map<String, Product> found = loadBySkus(skus);
        seen.addAll(found.values());
        return found;
    }

    public final Optional<Product> getByBatchReference(String reference) {
        return track(loadByBatchReference(reference));
    }

    /**
     * The products that own batches of these references, by reference (references no batch has are
     * left out); one round trip where the adapter can, so a chunk of 500 new batches is checked
     * with one look-up.
     */
    public final Map<String, Product> getAllByBatchReference(Collection<String> references) {
        Map<String, Product> found = loadByBatchReferences(references);
        seen.addAll(found.values());
        return found;
    }

    /** Every product this repository handed out or was given, in that order. */
    public final Collection<Product> seen() {
        return Collections.unmodifiableSet(seen);
    }

    protected abstract void store(Product product);

    protected abstract Optional<Product> loadBySku(String sku);

    protected abstract Optional<Product> loadByBatchReference(String reference);

    /** One {@link #loadBySku} per SKU unless the adapter can do better. */
    protected Map<String, Product> loadBySkus(Collection<String> skus) {
        Map<String, Product> found = new LinkedHashMap<>();
        for (String sku : skus) {
            loadBySku(sku).ifPresent(product -> found.put(sku, product));
        }
        return found;
    }

    /** One {@link #loadByBatchReference} per reference unless the adapter can do better. */
    protected Map<String, Product> loadByBatchReferences(Collection<String> references) {
        Map<String, Product> found = new LinkedHashMap<>();
        for (String reference : references) {
            loadByBatchReference(reference).ifPresent(product -> found.put(reference, product));
        }
        return found;
    }

    private Optional<Product> track(Optional<Product> product) {
        product.ifPresent(seen::add);
        return product;
    }
}

package com.allocationdesk.allocation.domain;

import java.util.Collection;
import java.util.Optional;

/**
 * Where a {@link Product} keeps its batches. Most changes need all of them (a line is weighed against
 * every batch, and its placement names those it passed over), but adding a batch to a product with
 * no waiting lines needs none of the others: an import of a day's batches must not read every
 * earlier batch of each SKU again, chunk after chunk. So the product asks its book for the batches
 * when it needs them, never before. New products (and the fakes) use {@link InMemoryBatchBook}; the
 * persistence adapter attaches one that reads the product's batches on the first call that needs
 * them and writes new ones with the unit of work.
 */
public interface BatchBook {
    /** Every batch of the product, in no particular order. */
    Collection<Batch> all();

    /** The product's batch of this reference, if it has one. */
    Optional<Batch> find(String reference);

    /**
     * Keeps a new batch of the product. The book refuses a reference it holds ({@link DuplicateBatch});
     * a reference held by another product, or one of this product's that the book has not read, is
     * the handlers' to refuse before (they look every new reference up) and the store's primary key
     * after (docs/decisions/0022).
     */
    void add(Batch batch);
}

package com.allocationdesk.allocation.adapters.orm;

import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.domain.Batch;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.servicelayer.ProductRepository;

import org.hibernate.Session;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionImplementor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Products from the database, through one unit of work's session. Committing the unit of work
 * bumps the version of every product it handed out by exactly one, whatever changed inside the
 * aggregate (a batch quantity, an allocation line, nothing), and fails when another transaction
 * bumped it first. No handler has to remember it; a unit of work that only reads and rolls back
 * leaves the version alone. It costs one UPDATE of the product row: a product whose own row
 * changed (its line sequence) is versioned by Hibernate's flush; {@link #bumpUnchangedVersions()}
 * increments the others after the flush.
 * <p>
 * Hibernate loads a product with its waiting lines. Its batches reach it through a
 * {@link HibernateBatchBook}, read when a change first needs them, for every product of the unit of
 * work at once; its allocated lines stay in the table and reach it through a
 * {@link JdbcAllocationBook}, one order at a time.
 */
final class HibernateProductRepository extends ProductRepository {
    private final Session session;
    private final ConnectionRunner connection;
    /** The most SKUs one read of batches names. */
    private static final int SKUS_PER_READ = 500;

    private final Map<String, JdbcAllocationBook> books = new LinkedHashMap<>();
    private final Map<String, HibernateBatchBook> batchBooks = new LinkedHashMap<>();
    /** The products loaded (not added) by this unit of work, and their versions when loaded. */
    private final Map<Product, Long> loadedVersions = new IdentityHashMap<>();

    HibernateProductRepository(Session session, ConnectionRunner connection) {
        this.session = session;
        this.connection = connection;
    }

    @Override
    protected void store(Product product) {
        session.persist(product);
        attachBooks(product, false);
    }

    @Override
    protected Optional<Product> loadBySku(String sku) {
        return Optional.ofNullable(session.find(Product.class, sku)).map(this::loaded);
    }

    /** One query for the products; their batches and waiting lines then load 64 products at a time. */
    @Override
    protected Map<String, Product> loadBySkus(Collection<String> skus) {
        Map<String, Product> found = new LinkedHashMap<>();
        for (Product product : session.findMultiple(Product.class, List.copyOf(skus))) {
            if (product != null) {
                found.put(product.sku(), loaded(product));
            }
        }
        return found;
    }

    /** One primary-key lookup of the batch tells the SKU; its product is versioned as above. */
    @Override
    protected Optional<Product> loadByBatchReference(String reference) {
        return Optional.ofNullable(session.find(Batch.class, reference)).flatMap(batch -> loadBySku(batch.sku()));
    }

    /** One query for the batches, one for their products. */
    @Override
    protected Map<String, Product> loadByBatchReferences(Collection<String> references) {
        Map<String, String> skuOf = new LinkedHashMap<>();
        for (Batch batch : session.findMultiple(Batch.class, List.copyOf(references))) {
            if (batch != null) {
                skuOf.put(batch.reference(), batch.sku());
            }
        }
        Map<String, Product> products = loadBySkus(new LinkedHashSet<>(skuOf.values()));
        Map<String, Product> found = new LinkedHashMap<>();
        skuOf.forEach((reference, sku) -> found.put(reference, products.get(sku)));
        return found;
    }

    /**
     * After the flush: increments, with a version check, the version of every loaded product the
     * flush did not version itself (its row did not change, only its batches, lines or nothing).
     * Fails with Hibernate's {@code StaleObjectStateException} when another transaction got there
     * first.
     */
    void bumpUnchangedVersions() {
        SessionImplementor hibernate = session.unwrap(SessionImplementor.class);
        loadedVersions.forEach((product, loaded) -> {
            if (product.version() == loaded) {
                EntityEntry entry = hibernate.getPersistenceContextInternal().getEntry(product);
                Object next = entry.getPersister().forceVersionIncrement(entry.getId(), entry.getVersion(), hibernate);
                entry.forceLocked(product, next);
            }
        });
    }

    private Product loaded(Product product) {
        loadedVersions.putIfAbsent(product, product.version());
        return attachBooks(product, true);
    }

    /** Writes the allocation changes of every product; call after Hibernate flushed the batches. */
    void flushAllocations() {
        books.values().forEach(JdbcAllocationBook::flush);
    }

    /** @param stored whether the product is in the database (loaded), not created by this unit of work */
    private Product attachBooks(Product product, boolean stored) {
        if (!books.containsKey(product.sku())) {
            JdbcAllocationBook allocations = new JdbcAllocationBook(product.sku(), connection);
            HibernateBatchBook batches = new HibernateBatchBook(session, this::readUnreadBatches, stored);
            books.put(product.sku(), allocations);
            batchBooks.put(product.sku(), batches);
            product.keepIn(batches, allocations);
        }
        return product;
    }

    /**
     * One SKU (a planner's command) by a single-valued parameter: Hibernate translates that query once
     * and keeps the SQL. It translates a query with a list parameter again on every call (measured:
     * about a tenth of an allocation's CPU), which a chunk's one read can afford.
     */
    private List<Batch> storedBatchesOf(List<String> skus) {
        return skus.size() == 1
                ? session.createSelectionQuery("from Batch b where b.sku = :sku", Batch.class)
                        .setParameter("sku", skus.get(0)).getResultList()
                : session.createSelectionQuery("from Batch b where b.sku in :skus", Batch.class)
                        .setParameterList("skus", skus).getResultList();
    }

    /**
     * Reads the batches of every product whose book has not read them yet: one query per
     * {@value #SKUS_PER_READ} products. Batches the session holds already (found by reference, or
     * added by this unit of work) come back as the same objects.
     */
    private void readUnreadBatches() {
        List<String> unread = batchBooks.entrySet().stream()
                .filter(book -> book.getValue().isUnread()).map(Map.Entry::getKey).toList();
        for (int from = 0; from < unread.size(); from += SKUS_PER_READ) {
            List<String> skus = unread.subList(from, Math.min(unread.size(), from + SKUS_PER_READ));
            Map<String, List<Batch>> bySku = new HashMap<>();
            storedBatchesOf(skus).forEach(batch -> bySku.computeIfAbsent(batch.sku(), sku -> new ArrayList<>()).add(batch));
            skus.forEach(sku -> batchBooks.get(sku).read(bySku.getOrDefault(sku, List.of())));
        }
    }
}

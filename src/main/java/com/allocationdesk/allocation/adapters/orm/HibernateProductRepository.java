package com.allocationdesk.allocation.adapters.orm;

import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.servicelayer.ProductRepository;

import org.hibernate.Session;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionImplementor;

import java.util.Collection;
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
 * {@link JdbcBatchBook}, read when a change first needs them, for every product of the unit of work
 * at once ({@link JdbcBatches}); its allocated lines stay in the table and reach it through a
 * {@link JdbcAllocationBook}, one order at a time.
 */
final class HibernateProductRepository extends ProductRepository {
    private final Session session;
    private final ConnectionRunner connection;
    private final JdbcBatches batches;
    private final Map<String, JdbcAllocationBook> books = new LinkedHashMap<>();
    /** The products loaded (not added) by this unit of work, and their versions when loaded. */
    private final Map<Product, Long> loadedVersions = new IdentityHashMap<>();

    HibernateProductRepository(Session session, ConnectionRunner connection) {
        this.session = session;
        this.connection = connection;
        this.batches = new JdbcBatches(connection);
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

    /** One query for the products; their waiting lines then load 64 products at a time. */
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
        return Optional.ofNullable(batches.skusOf(List.of(reference)).get(reference)).flatMap(this::loadBySku);
    }

    /** One query for the batches, one for their products. */
    @Override
    protected Map<String, Product> loadByBatchReferences(Collection<String> references) {
        Map<String, String> skuOf = batches.skusOf(references);
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

    /**
     * Writes the new and changed batches, then the allocation changes, of every product; call after
     * Hibernate flushed the products (a new batch needs its product's row, a new line its batch's).
     */
    void flushBooks() {
        batches.flush();
        books.values().forEach(JdbcAllocationBook::flush);
    }

    /** @param stored whether the product is in the database (loaded), not created by this unit of work */
    private Product attachBooks(Product product, boolean stored) {
        if (!books.containsKey(product.sku())) {
            JdbcAllocationBook allocations = new JdbcAllocationBook(product.sku(), connection);
            books.put(product.sku(), allocations);
            product.keepIn(batches.bookOf(product.sku(), stored), allocations);
        }
        return product;
    }
}

package com.allocationdesk.allocation.adapters.orm;

import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.domain.Batch;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.servicelayer.ProductRepository;

import org.hibernate.Session;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionImplementor;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
 * Hibernate loads a product with its batches and waiting lines; its allocated lines stay in the
 * table and reach the product through a {@link JdbcAllocationBook}, one order at a time.
 */
final class HibernateProductRepository extends ProductRepository {
    private final Session session;
    private final ConnectionRunner connection;
    private final Map<String, JdbcAllocationBook> books = new LinkedHashMap<>();
    /** The products loaded (not added) by this unit of work, and their versions when loaded. */
    private final Map<Product, Long> loadedVersions = new IdentityHashMap<>();

    HibernateProductRepository(Session session, ConnectionRunner connection) {
        this.session = session;
        this.connection = connection;
    }

    @Override
    protected void store(Product product) {
        session.persist(product);
        attachBook(product);
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
        return attachBook(product);
    }

    /** Writes the allocation changes of every product; call after Hibernate flushed the batches. */
    void flushAllocations() {
        books.values().forEach(JdbcAllocationBook::flush);
    }

    private Product attachBook(Product product) {
        if (!books.containsKey(product.sku())) {
            JdbcAllocationBook book = new JdbcAllocationBook(product.sku(), connection);
            books.put(product.sku(), book);
            product.keepAllocationsIn(book);
        }
        return product;
    }
}

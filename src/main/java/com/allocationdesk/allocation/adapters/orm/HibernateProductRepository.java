package com.allocationdesk.allocation.adapters.orm;

import com.allocationdesk.allocation.adapters.db.ConnectionRunner;
import com.allocationdesk.allocation.domain.Batch;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.servicelayer.ProductRepository;

import jakarta.persistence.LockModeType;
import org.hibernate.Session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Products from the database, through one unit of work's session. Every product it hands out is
 * locked {@link LockModeType#OPTIMISTIC_FORCE_INCREMENT}: committing the unit of work bumps the
 * product's version by one whatever changed inside the aggregate (a batch quantity, an allocation
 * line), and fails when another transaction bumped it first. No handler has to remember it; a unit
 * of work that only reads and rolls back leaves the version alone.
 * <p>
 * Hibernate loads a product with its batches and waiting lines; its allocated lines stay in the
 * table and reach the product through a {@link JdbcAllocationBook}, one order at a time.
 */
final class HibernateProductRepository extends ProductRepository {
    private final Session session;
    private final ConnectionRunner connection;
    private final Map<String, JdbcAllocationBook> books = new LinkedHashMap<>();

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
        return Optional.ofNullable(session.find(Product.class, sku, LockModeType.OPTIMISTIC_FORCE_INCREMENT))
                .map(this::attachBook);
    }

    /** One primary-key lookup of the batch tells the SKU; its product comes locked as above. */
    @Override
    protected Optional<Product> loadByBatchReference(String reference) {
        return Optional.ofNullable(session.find(Batch.class, reference)).flatMap(batch -> loadBySku(batch.sku()));
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

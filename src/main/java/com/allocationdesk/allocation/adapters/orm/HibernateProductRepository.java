package com.allocationdesk.allocation.adapters.orm;

import com.allocationdesk.allocation.domain.Batch;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.servicelayer.ProductRepository;

import jakarta.persistence.LockModeType;
import org.hibernate.Session;

import java.util.Optional;

/**
 * Products from the database, through one unit of work's session. Every product it hands out is
 * locked {@link LockModeType#OPTIMISTIC_FORCE_INCREMENT}: committing the unit of work bumps the
 * product's version by one whatever changed inside the aggregate (a batch quantity, an allocation
 * line), and fails when another transaction bumped it first. No handler has to remember it; a unit
 * of work that only reads and rolls back leaves the version alone.
 */
final class HibernateProductRepository extends ProductRepository {
    private final Session session;

    HibernateProductRepository(Session session) {
        this.session = session;
    }

    @Override
    protected void store(Product product) {
        session.persist(product);
    }

    @Override
    protected Optional<Product> loadBySku(String sku) {
        return Optional.ofNullable(session.find(Product.class, sku, LockModeType.OPTIMISTIC_FORCE_INCREMENT));
    }

    /** One primary-key lookup of the batch tells the SKU; its product comes locked as above. */
    @Override
    protected Optional<Product> loadByBatchReference(String reference) {
        return Optional.ofNullable(session.find(Batch.class, reference)).flatMap(batch -> loadBySku(batch.sku()));
    }
}

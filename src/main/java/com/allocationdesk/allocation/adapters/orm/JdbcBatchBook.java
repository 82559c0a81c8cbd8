package com.allocationdesk.allocation.adapters.orm;

import com.allocationdesk.allocation.domain.Batch;
import com.allocationdesk.allocation.domain.BatchBook;
import com.allocationdesk.allocation.domain.DuplicateBatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One product's batches in the {@code batches} table. Nothing is read until the product asks for
 * its batches ({@link #all}, {@link #find}); then {@link JdbcBatches} reads those of every product of
 * the unit of work whose book has not read them yet, so a chunk of 500 lines asks once, and a chunk
 * of 500 new batches, which asks for none, reads none (docs/decisions/0022). The book remembers
 * each batch's quantities as read, so the commit writes only the batches that changed, and the new
 * ones.
 */
final class JdbcBatchBook implements BatchBook {
    private final JdbcBatches table;
    /** The batches added in this unit of work and, once read, the stored ones. */
    private final Map<String, Batch> held = new LinkedHashMap<>();
    /** Each stored batch's purchased and allocated quantities as read. */
    private final Map<Batch, Quantities> asRead = new IdentityHashMap<>();
    private final List<Batch> added = new ArrayList<>();
    private boolean read;

    /**
     * @param stored false for a product this unit of work created: it has no stored batches to read
     */
    JdbcBatchBook(JdbcBatches table, boolean stored) {
        this.table = table;
        this.read = !stored;
    }

    @Override
    public Collection<Batch> all() {
        readIfUnread();
        return Collections.unmodifiableCollection(held.values());
    }

    @Override
    public Optional<Batch> find(String reference) {
        readIfUnread();
        return Optional.ofNullable(held.get(reference));
    }

    /** Refuses a reference added before or read; one stored but unread is refused by the primary key. */
    @Override
    public void add(Batch batch) {
        if (held.putIfAbsent(batch.reference(), batch) != null) {
            throw new DuplicateBatch(batch.reference());
        }
        added.add(batch);
    }

    boolean isUnread() {
        return !read;
    }

    /** Called by {@link JdbcBatches} with the product's stored batches. */
    void read(List<Batch> stored) {
        for (Batch batch : stored) {
            if (held.putIfAbsent(batch.reference(), batch) == null) {
                asRead.put(batch, Quantities.of(batch));
            }
        }
        read = true;
    }

    /** The batches this unit of work added, in order. */
    List<Batch> added() {
        return added;
    }

    /** The stored batches whose quantities changed since they were read. */
    List<Batch> changed() {
        List<Batch> changed = new ArrayList<>();
        asRead.forEach((batch, quantities) -> {
            if (!quantities.equals(Quantities.of(batch))) {
                changed.add(batch);
            }
        });
        return changed;
    }

    /** The commit wrote them: what is held now is what is stored. */
    void flushed() {
        added.clear();
        asRead.replaceAll((batch, quantities) -> Quantities.of(batch));
        held.values().forEach(batch -> asRead.putIfAbsent(batch, Quantities.of(batch)));
    }

    private void readIfUnread() {
        if (!read) {
            table.readUnread();
        }
    }

    private record Quantities(int purchased, int allocated) {
        static Quantities of(Batch batch) {
            return new Quantities(batch.purchasedQuantity(), batch.allocatedQuantity());
        }
    }
}

package com.allocationdesk.allocation.adapters.orm;

import com.allocationdesk.allocation.domain.Batch;
import com.allocationdesk.allocation.domain.BatchBook;
import com.allocationdesk.allocation.domain.DuplicateBatch;

import org.hibernate.Session;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One product's batches in the database, through the unit of work's session. Nothing is read until
 * the product asks for its batches ({@link #all}, {@link #find}); then the repository reads those of
 * every product of the unit of work whose book has not read them yet, in one query, so a chunk of
 * 500 lines asks once and a chunk of 500 new batches, which asks for none, reads none
 * (docs/decisions/0022). The batches read belong to the session: its flush writes what changed in
 * them. A new batch is handed to the session at once and written with the rest at commit.
 */
final class HibernateBatchBook implements BatchBook {
    private final Session session;
    /** Reads the batches of every unread book of the repository, this one included. */
    private final Runnable readUnread;
    /** The batches added in this unit of work and, once read, the stored ones. */
    private final Map<String, Batch> held = new LinkedHashMap<>();
    private boolean read;

    /**
     * @param stored false for a product this unit of work created: it has no stored batches to read
     */
    HibernateBatchBook(Session session, Runnable readUnread, boolean stored) {
        this.session = session;
        this.readUnread = readUnread;
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
        if (held.containsKey(batch.reference())) {
            throw new DuplicateBatch(batch.reference());
        }
        session.persist(batch);
        held.put(batch.reference(), batch);
    }

    boolean isUnread() {
        return !read;
    }

    /** Called by the repository with the product's stored batches. */
    void read(List<Batch> stored) {
        stored.forEach(batch -> held.putIfAbsent(batch.reference(), batch));
        read = true;
    }

    private void readIfUnread() {
        if (!read) {
            readUnread.run();
        }
    }
}

package com.allocationdesk.allocation.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link BatchBook} that holds every batch: for new products and in-memory tests. */
public final class InMemoryBatchBook implements BatchBook {
    private final Map<String, Batch> byReference = new LinkedHashMap<>();

    @Override
    public Collection<Batch> all() {
        return Collections.unmodifiableCollection(byReference.values());
    }

    @Override
    public Optional<Batch> find(String reference) {
        return Optional.ofNullable(byReference.get(reference));
    }

    @Override
    public void add(Batch batch) {
        if (byReference.putIfAbsent(batch.reference(), batch) != null) {
            throw new DuplicateBatch(batch.reference());
        }
    }
}

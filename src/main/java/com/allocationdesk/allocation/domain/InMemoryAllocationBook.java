package com.allocationdesk.allocation.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link AllocationBook} that holds every line: for new products and in-memory tests. */
public final class InMemoryAllocationBook implements AllocationBook {
    private final Map<String, Allocation> byOrderId = new LinkedHashMap<>();

    @Override
    public Optional<Allocation> find(String orderId) {
        return Optional.ofNullable(byOrderId.get(orderId));
    }

    @Override
    public List<Allocation> newestFirst(String batchReference) {
        List<Allocation> lines = new ArrayList<>();
        for (Allocation allocation : byOrderId.values()) {
            if (allocation.batchReference().equals(batchReference)) {
                lines.add(allocation);
            }
        }
        lines.sort(Comparator.comparingLong(Allocation::sequence).reversed());
        return lines;
    }

    @Override
    public void add(Allocation allocation) {
        byOrderId.put(allocation.orderId(), allocation);
    }

    @Override
    public void remove(Allocation allocation) {
        byOrderId.remove(allocation.orderId(), allocation);
    }

    /** Every line, oldest first. */
    public List<Allocation> all() {
        return byOrderId.values().stream().sorted(Comparator.comparingLong(Allocation::sequence)).toList();
    }
}

package com.allocationdesk.allocation.domain;

import java.util.List;
import java.util.Optional;

/**
 * Where a {@link Product} keeps the order lines allocated to its batches. A SKU with a long
 * history has thousands of them and a command touches one or two, so the product asks for lines one
 * order at a time instead of holding them all: loading a product stays as cheap with 10,000 lines
 * as with 10. New products (and the fakes) use {@link InMemoryAllocationBook}; the persistence
 * adapter attaches one that reads the lines it is asked for and writes the changes with the unit
 * of work.
 */
public interface AllocationBook {
    /** The line of this order for the product's SKU, if it is allocated. */
    Optional<Allocation> find(String orderId);

    /** Every line in the batch, most recently allocated first. */
    List<Allocation> newestFirst(String batchReference);

    void add(Allocation allocation);

    void remove(Allocation allocation);
}

package com.allocationdesk.allocation.domain;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * Stock of one SKU that arrived (no ETA: in the warehouse) or is on its way (ETA). Reached only
 * through its {@link Product}.
 */
public class Batch {
    /** Warehouse stock first, then the earliest ETA; the reference breaks ties. */
    static final Comparator<Batch> PREFERENCE = Comparator
            .comparing(Batch::eta, Comparator.nullsFirst(Comparator.<LocalDate>naturalOrder()))
            .thenComparing(Batch::reference);

    private String reference;
    private String sku;
    private int purchasedQuantity;
    private LocalDate eta;
    /** The sum of the quantities of the lines allocated to this batch (kept by its product). */
    private int allocatedQuantity;

    /** For frameworks that copy or build objects reflectively (the fakes' snapshots). */
    protected Batch() {
    }

    Batch(String reference, String sku, int purchasedQuantity, LocalDate eta) {
        this.reference = reference;
        this.sku = sku;
        this.purchasedQuantity = purchasedQuantity;
        this.eta = eta;
    }

    /** For repositories: a batch as it was stored. */
    public static Batch stored(String reference, String sku, int purchasedQuantity, LocalDate eta, int allocatedQuantity) {
        Batch batch = new Batch(reference, sku, purchasedQuantity, eta);
        batch.allocatedQuantity = allocatedQuantity;
        return batch;
    }

    public String reference() {
        return reference;
    }

    public String sku() {
        return sku;
    }

    /** Null when the batch is in the warehouse. */
    public LocalDate eta() {
        return eta;
    }

    public int purchasedQuantity() {
        return purchasedQuantity;
    }

    public int allocatedQuantity() {
        return allocatedQuantity;
    }

    public int availableQuantity() {
        return purchasedQuantity - allocatedQuantity;
    }

    boolean canAllocate(OrderLine line) {
        return sku.equals(line.sku()) && availableQuantity() >= line.quantity();
    }

    void take(int quantity) {
        allocatedQuantity += quantity;
    }

    void release(int quantity) {
        allocatedQuantity -= quantity;
    }

    void changePurchasedQuantity(int quantity) {
        this.purchasedQuantity = quantity;
    }

    boolean isOverAllocated() {
        return allocatedQuantity > purchasedQuantity;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Batch batch && reference.equals(batch.reference);
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }

    @Override
    public String toString() {
        return "Batch[" + reference + ", " + sku + ", " + allocatedQuantity + "/" + purchasedQuantity
                + (eta == null ? ", in warehouse" : ", eta " + eta) + "]";
    }
}

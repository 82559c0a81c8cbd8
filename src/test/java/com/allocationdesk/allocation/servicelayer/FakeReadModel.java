package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.Product;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The read tables as sorted maps, so tests can compare them with a fresh projection. */
public final class FakeReadModel implements ReadModelWriter {
    public record BatchRow(String sku, LocalDate eta, int purchased, int allocated) {
    }

    public record AllocationRow(int quantity, String batchReference) {
    }

    public record WaitingRow(int quantity, Instant since) {
    }

    public record NotificationRow(Instant at, String sku, String orderId, int quantity, boolean read) {
    }

    final Map<String, BatchRow> batches = new TreeMap<>();
    /** Keyed by "orderId/sku". */
    final Map<String, AllocationRow> allocations = new TreeMap<>();
    final Map<String, WaitingRow> waiting = new TreeMap<>();
    final List<NotificationRow> notifications = new ArrayList<>();
    private final Supplier<Collection<Product>> writeModel;

    FakeReadModel(Supplier<Collection<Product>> writeModel) {
        this.writeModel = writeModel;
    }

    private static String key(String orderId, String sku) {
        return orderId + "/" + sku;
    }

    @Override
    public synchronized void insertBatch(String reference, String sku, LocalDate eta, int purchased) {
        batches.put(reference, new BatchRow(sku, eta, purchased, 0));
    }

    @Override
    public synchronized void setPurchased(String reference, int purchased) {
        batches.computeIfPresent(reference, (r, b) -> new BatchRow(b.sku(), b.eta(), purchased, b.allocated()));
    }

    @Override
    public synchronized void addAllocated(String reference, int delta) {
        batches.computeIfPresent(reference, (r, b) -> new BatchRow(b.sku(), b.eta(), b.purchased(), b.allocated() + delta));
    }

    @Override
    public synchronized void insertAllocation(String orderId, String sku, int quantity, String batchReference) {
        allocations.put(key(orderId, sku), new AllocationRow(quantity, batchReference));
    }

    @Override
    public synchronized void deleteAllocation(String orderId, String sku) {
        allocations.remove(key(orderId, sku));
    }

    @Override
    public synchronized void upsertWaiting(String orderId, String sku, int quantity, Instant since) {
        waiting.putIfAbsent(key(orderId, sku), new WaitingRow(quantity, since));
    }

    @Override
    public synchronized void deleteWaiting(String orderId, String sku) {
        waiting.remove(key(orderId, sku));
    }

    @Override
    public synchronized void insertNotification(Instant at, String sku, String orderId, int quantity) {
        notifications.add(new NotificationRow(at, sku, orderId, quantity, false));
    }

    @Override
    public synchronized void markNotificationsRead() {
        notifications.replaceAll(n -> new NotificationRow(n.at(), n.sku(), n.orderId(), n.quantity(), true));
    }

    @Override
    public synchronized void rebuildFromWriteModel() {
        batches.clear();
        allocations.clear();
        waiting.clear();
        for (Product product : writeModel.get()) {
            product.batches().forEach(b -> {
                batches.put(b.reference(), new BatchRow(b.sku(), b.eta(), b.purchasedQuantity(), b.allocatedQuantity()));
                product.allocationsIn(b.reference()).forEach(a -> allocations.put(key(a.orderId(), a.sku()),
                        new AllocationRow(a.quantity(), b.reference())));
            });
            product.waitingLines().forEach(w -> waiting.put(key(w.orderId(), w.sku()), new WaitingRow(w.quantity(), w.since())));
        }
    }

    /** The tables as one comparable value (notifications aside). */
    synchronized List<Map<String, ?>> tables() {
        return List.of(new TreeMap<>(batches), new TreeMap<>(allocations), new TreeMap<>(waiting));
    }
}

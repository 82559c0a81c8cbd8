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

    /**
     * An out-of-stock alert: {@code resolution} is null while it is open, else ALLOCATED (with the
     * batch), CANCELLED or SUPERSEDED, as in the table (V6__alert_state.sql).
     */
    public record NotificationRow(Instant at, String sku, String orderId, int quantity, boolean read,
                                  String resolution, String batch, Instant resolvedAt) {
        public NotificationRow(Instant at, String sku, String orderId, int quantity, boolean read) {
            this(at, sku, orderId, quantity, read, null, null, null);
        }

        public boolean open() {
            return resolution == null;
        }

        NotificationRow resolved(String how, String batchReference, Instant when) {
            return new NotificationRow(at, sku, orderId, quantity, read, how, batchReference, when);
        }

        NotificationRow markedRead() {
            return new NotificationRow(at, sku, orderId, quantity, true, resolution, batch, resolvedAt);
        }
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
    public synchronized void setWaitingQuantity(String orderId, String sku, int quantity) {
        waiting.computeIfPresent(key(orderId, sku), (line, row) -> new WaitingRow(quantity, row.since()));
        notifications.replaceAll(n -> n.open() && n.orderId().equals(orderId) && n.sku().equals(sku)
                ? new NotificationRow(n.at(), n.sku(), n.orderId(), quantity, n.read(), null, null, null) : n);
    }

    @Override
    public synchronized void openAlert(Instant at, String sku, String orderId, int quantity) {
        if (notifications.stream().noneMatch(n -> n.open() && n.orderId().equals(orderId) && n.sku().equals(sku))) {
            notifications.add(new NotificationRow(at, sku, orderId, quantity, false));
        }
    }

    @Override
    public synchronized void resolveAlertAllocated(String orderId, String sku, String batchReference, Instant at) {
        resolve(orderId, sku, "ALLOCATED", batchReference, at);
    }

    @Override
    public synchronized void resolveAlertCancelled(String orderId, String sku, Instant at) {
        resolve(orderId, sku, "CANCELLED", null, at);
    }

    private void resolve(String orderId, String sku, String how, String batchReference, Instant at) {
        notifications.replaceAll(n -> n.open() && n.orderId().equals(orderId) && n.sku().equals(sku)
                ? n.resolved(how, batchReference, at) : n);
    }

    /** The open alerts, keyed like the waiting lines ("orderId/sku"), with how many each line has. */
    synchronized Map<String, Long> openAlerts() {
        Map<String, Long> open = new TreeMap<>();
        notifications.stream().filter(NotificationRow::open).forEach(n -> open.merge(key(n.orderId(), n.sku()), 1L, Long::sum));
        return open;
    }

    @Override
    public synchronized void markNotificationsRead() {
        notifications.replaceAll(NotificationRow::markedRead);
    }

    @Override
    public synchronized void rebuildFromWriteModel(Instant at) {
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
        // the alerts are history, but their states are made true again, as JdbcReadModelWriter does
        Map<String, Integer> newestOpen = new TreeMap<>();
        for (int i = 0; i < notifications.size(); i++) {
            NotificationRow n = notifications.get(i);
            if (n.open()) {
                newestOpen.put(key(n.orderId(), n.sku()), i);
            }
        }
        for (int i = 0; i < notifications.size(); i++) {
            NotificationRow n = notifications.get(i);
            String line = key(n.orderId(), n.sku());
            if (!n.open()) {
                continue;
            }
            if (!waiting.containsKey(line)) {
                AllocationRow allocation = allocations.get(line);
                notifications.set(i, allocation == null ? n.resolved("CANCELLED", null, at)
                        : n.resolved("ALLOCATED", allocation.batchReference(), at));
            } else if (newestOpen.get(line) != i) {
                notifications.set(i, n.resolved("SUPERSEDED", null, at));
            }
        }
        for (Product product : writeModel.get()) {
            product.waitingLines().stream().filter(w -> !newestOpen.containsKey(key(w.orderId(), w.sku())))
                    .forEach(w -> notifications.add(new NotificationRow(at, w.sku(), w.orderId(), w.quantity(), false)));
        }
    }

    /** The tables as one comparable value (notifications aside). */
    synchronized List<Map<String, ?>> tables() {
        return List.of(new TreeMap<>(batches), new TreeMap<>(allocations), new TreeMap<>(waiting));
    }
}

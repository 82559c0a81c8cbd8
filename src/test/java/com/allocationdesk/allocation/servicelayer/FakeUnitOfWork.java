package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.events.Event;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A unit of work over in-memory products that records whether it was committed and closed; the
 * events appended to its log reach the store's log only when it commits.
 */
final class FakeUnitOfWork implements UnitOfWork {
    private final FakeRepository products;
    private final FakeReadModel readModel;
    private final List<Event> log;
    private final List<Event> appended = new ArrayList<>();
    private final Set<String> receipts;
    private final List<InboxReceipts.Receipt> recorded = new ArrayList<>();
    private boolean committed;
    private boolean closed;

    private FakeUnitOfWork(Map<String, Product> store, FakeReadModel readModel, List<Event> log, Set<String> receipts) {
        this.products = new FakeRepository(store);
        this.readModel = readModel;
        this.log = log;
        this.receipts = receipts;
    }

    @Override
    public InboxReceipts inbox() {
        return new InboxReceipts() {
            @Override
            public boolean taken(String contentHash, int chunk) {
                String key = contentHash + "/" + chunk;
                synchronized (receipts) {
                    return receipts.contains(key) || recorded.stream().anyMatch(r -> key(r).equals(key));
                }
            }

            @Override
            public void record(Receipt receipt) {
                recorded.add(receipt);
            }
        };
    }

    private static String key(InboxReceipts.Receipt receipt) {
        return receipt.contentHash() + "/" + receipt.chunk();
    }

    @Override
    public EventLogWriter eventLog() {
        return appended::addAll;
    }

    @Override
    public ReadModelWriter readModel() {
        return readModel;
    }

    @Override
    public ProductRepository products() {
        return products;
    }

    @Override
    public void commit() {
        synchronized (log) {
            log.addAll(appended);
        }
        appended.clear();
        synchronized (receipts) {
            recorded.forEach(receipt -> receipts.add(key(receipt)));
        }
        recorded.clear();
        products.committed();
        committed = true;
    }

    @Override
    public void close() {
        if (!committed && !closed) {
            products.rolledBack();
        }
        closed = true;
    }

    boolean committed() {
        return committed;
    }

    boolean closed() {
        return closed;
    }

    /** Hands out fake units of work over one shared set of products and remembers each. */
    static final class Store implements UnitOfWork.Factory {
        private final Map<String, Product> products = FakeRepository.newStore();
        private final List<FakeUnitOfWork> started = new ArrayList<>();
        private final FakeReadModel readModel = new FakeReadModel(products::values);
        private final List<Event> log = new ArrayList<>();
        private final Set<String> receipts = new HashSet<>();

        @Override
        public synchronized UnitOfWork start() {
            FakeUnitOfWork uow = new FakeUnitOfWork(products, readModel, log, receipts);
            started.add(uow);
            return uow;
        }

        FakeReadModel readModel() {
            return readModel;
        }

        /** Every event committed units of work appended to their log, in commit order. */
        List<Event> log() {
            synchronized (log) {
                return List.copyOf(log);
            }
        }

        /** The receipts committed units of work stored, as {@code hash/chunk}. */
        Set<String> receipts() {
            synchronized (receipts) {
                return Set.copyOf(receipts);
            }
        }

        synchronized List<FakeUnitOfWork> started() {
            return List.copyOf(started);
        }
    }
}

package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.Product;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A unit of work over in-memory products that records whether it was committed and closed. */
final class FakeUnitOfWork implements UnitOfWork {
    private final FakeRepository products;
    private final FakeReadModel readModel;
    private boolean committed;
    private boolean closed;

    private FakeUnitOfWork(Map<String, Product> store, FakeReadModel readModel) {
        this.products = new FakeRepository(store);
        this.readModel = readModel;
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
        committed = true;
    }

    @Override
    public void close() {
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

        @Override
        public synchronized UnitOfWork start() {
            FakeUnitOfWork uow = new FakeUnitOfWork(products, readModel);
            started.add(uow);
            return uow;
        }

        FakeReadModel readModel() {
            return readModel;
        }

        synchronized List<FakeUnitOfWork> started() {
            return List.copyOf(started);
        }
    }
}

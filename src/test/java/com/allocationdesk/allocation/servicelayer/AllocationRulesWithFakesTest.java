package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The allocation rules over in-memory fakes: fast, and the bulk of the suite. */
class AllocationRulesWithFakesTest extends AllocationRulesContract {
    private FakeUnitOfWork.Store store;

    @Override
    protected UnitOfWork.Factory newUnitsOfWork() {
        store = new FakeUnitOfWork.Store();
        return store;
    }

    @Test
    void aCommandCommitsItsUnitOfWorkAndClosesIt() {
        bus.handle(new CreateBatch("b1", "LAMP", 10, null));

        assertThat(store.started()).singleElement()
                .satisfies(uow -> assertThat(uow.committed()).isTrue())
                .satisfies(uow -> assertThat(uow.closed()).isTrue());
    }

    @Test
    void aRejectedCommandDoesNotCommitButStillClosesItsUnitOfWork() {
        assertThatThrownBy(() -> bus.handle(new Allocate("o1", "NOPE", 1))).isNotNull();

        assertThat(store.started()).singleElement()
                .satisfies(uow -> assertThat(uow.committed()).isFalse())
                .satisfies(uow -> assertThat(uow.closed()).isTrue());
    }
}

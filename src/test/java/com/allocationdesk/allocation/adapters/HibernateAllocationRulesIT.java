package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.servicelayer.AllocationRulesContract;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

/**
 * The whole service-layer suite again, against the real unit of work over each store (an HSQLDB
 * file, a PostgreSQL database): the fakes and the adapter must behave alike. One store per kind,
 * emptied before each test.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class HibernateAllocationRulesIT extends AllocationRulesContract {
    @TempDir
    static Path folder;
    private static Store store;

    @Parameter
    StoreKind kind;

    @BeforeParameterizedClassInvocation
    static void openStore(StoreKind kind) {
        store = kind.fresh(folder, "rules");
    }

    @AfterParameterizedClassInvocation
    static void closeStore() {
        store.close();
    }

    @Override
    protected UnitOfWork.Factory newUnitsOfWork() {
        TestData.deleteEverything(store);
        return Stores.unitsOfWork(store);
    }
}

package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.servicelayer.AllocationRulesContract;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The whole service-layer suite a second time, against the real unit of work over an HSQLDB file:
 * the fakes and the adapter must behave alike. One database for the class, emptied before each test.
 */
class HibernateAllocationRulesIT extends AllocationRulesContract {
    @TempDir
    static Path folder;
    private static Database database;

    @BeforeAll
    static void openDatabase() {
        database = Database.open(folder.resolve("rules"));
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected UnitOfWork.Factory newUnitsOfWork() {
        TestData.deleteEverything(database);
        return Stores.unitsOfWork(database);
    }
}

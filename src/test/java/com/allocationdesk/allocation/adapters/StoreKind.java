package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.adapters.postgres.PostgresStore;
import com.allocationdesk.allocation.adapters.postgres.PostgresTestServer;

import java.nio.file.Path;

/**
 * The stores the integration tests of the write side and the queries run on, each test on every
 * kind ({@code @ParameterizedClass @EnumSource(StoreKind.class)}): the embedded file and a database
 * on the PostgreSQL test server.
 */
public enum StoreKind {
    HSQLDB {
        @Override
        public Store fresh(Path folder, String name) {
            return Database.open(folder.resolve(name));
        }
    },
    POSTGRESQL {
        @Override
        public Store fresh(Path folder, String name) {
            return PostgresStore.open(PostgresTestServer.newDatabase(name), PostgresTestServer.USER,
                    PostgresTestServer.PASSWORD);
        }
    };

    /**
     * A fresh, empty store of this kind, migrated: the file {@code folder/name}, or a new
     * database named after {@code name} on the test server ({@code folder} unused).
     */
    public abstract Store fresh(Path folder, String name);
}

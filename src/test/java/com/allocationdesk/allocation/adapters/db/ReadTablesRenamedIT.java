package com.allocationdesk.allocation.adapters.db;

import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.queries.AllocationsQuery;
import com.allocationdesk.allocation.queries.BatchesQuery;
import com.allocationdesk.allocation.queries.WaitingQuery;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database written before V4 (read tables named {@code *_view}) is checked under those names,
 * then opens and is migrated to the {@code read_*} names with its rows, indexes and keys.
 */
class ReadTablesRenamedIT {
    @TempDir
    Path folder;
    private Path db;

    /** A database at schema version 3, as the previous release left it: one product, allocated and waiting. */
    @BeforeEach
    void databaseOfTheOldSchema() throws SQLException {
        db = folder.resolve("desk");
        OldSchema.create(db, "3");
        sql("INSERT INTO products VALUES ('LAMP', 1, 2)",
                "INSERT INTO batches VALUES ('warehouse', 'LAMP', 10, 8, NULL)",
                "INSERT INTO allocations VALUES ('warehouse', 'o1', 'LAMP', 8, 1)",
                "INSERT INTO waiting_lines VALUES ('LAMP', 'o2', 'LAMP', 5, TIMESTAMP '2027-01-01 10:00:00+00:00', 2)",
                "INSERT INTO batches_view (reference, sku, eta, purchased, allocated) VALUES ('warehouse', 'LAMP', NULL, 10, 8)",
                "INSERT INTO allocations_view (order_id, sku, quantity, batch_reference) VALUES ('o1', 'LAMP', 8, 'warehouse')",
                "INSERT INTO waiting_view (order_id, sku, quantity, since) VALUES ('o2', 'LAMP', 5, TIMESTAMP '2027-01-01 10:00:00+00:00')",
                "SHUTDOWN");
    }

    @Test
    void theOldDatabaseAddsUpUnderItsOldNamesBeforeItIsMigrated() throws SQLException {
        try (Connection connection = DriverManager.getConnection(HsqldbEngine.url(db), "SA", "")) {
            assertThat(ConsistencyCheck.ReadTables.of(connection)).isEqualTo(ConsistencyCheck.ReadTables.BEFORE_V4);
            assertThat(ConsistencyCheck.full(connection)).isEmpty();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
    }

    @Test
    void itOpensAndItsReadTablesAreRenamedWithTheirRowsIndexesAndKeys() throws SQLException {
        try (Database database = Database.open(db, 0)) {
            assertThat(new BatchesQuery(database.dataSource()).list(null)).singleElement()
                    .satisfies(b -> assertThat(List.of(b.reference(), b.purchased(), b.allocated(), b.available()))
                            .containsExactly("warehouse", 10, 8, 2));
            assertThat(new AllocationsQuery(database.dataSource()).forOrder("o1"))
                    .containsExactly(new AllocationRow("o1", "LAMP", 8, "warehouse"));
            assertThat(new WaitingQuery(database.dataSource()).list("lam")).singleElement()
                    .satisfies(w -> assertThat(w.orderId()).isEqualTo("o2"));
            try (Connection connection = database.dataSource().getConnection()) {
                assertThat(ConsistencyCheck.ReadTables.of(connection)).isEqualTo(ConsistencyCheck.ReadTables.CURRENT);
                assertThat(ConsistencyCheck.full(connection)).isEmpty();
                assertThat(names(connection, "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'PUBLIC' AND table_name LIKE '%VIEW%'")).isEmpty();
                assertThat(names(connection, "SELECT DISTINCT index_name FROM information_schema.system_indexinfo"
                        + " WHERE table_schem = 'PUBLIC' AND table_name LIKE 'READ_%' AND index_name NOT LIKE 'SYS_%'"))
                        .as("V4's indexes, which V9 replaced by its sort indexes (the same leading columns)")
                        .contains("READ_ALLOCATIONS_SKU_SORT_IX", "READ_ALLOCATIONS_ORDER_SORT_IX",
                                "READ_BATCHES_SKU_SORT_IX", "READ_WAITING_SKU_SORT_IX", "READ_WAITING_SINCE_SORT_IX");
                assertThat(names(connection, "SELECT constraint_name FROM information_schema.table_constraints"
                        + " WHERE table_schema = 'PUBLIC' AND constraint_type = 'PRIMARY KEY' AND table_name LIKE 'READ_%'"))
                        .containsExactlyInAnyOrder("READ_ALLOCATIONS_PK", "READ_BATCHES_PK", "READ_WAITING_PK");
            }
        }
    }

    @Test
    void afterAReopenThePrimaryKeysIndexesHaveTheKeysNewNames() throws SQLException {
        Database.open(db, 0).close();
        try (Database database = Database.open(db, 0); Connection connection = database.dataSource().getConnection()) {
            assertThat(names(connection, "SELECT DISTINCT index_name FROM information_schema.system_indexinfo"
                    + " WHERE table_schem = 'PUBLIC' AND index_name LIKE '%VIEW%'")).isEmpty();
        }
    }

    @Test
    void anOldDatabaseThatDoesNotAddUpIsRefusedBeforeItIsMigrated() throws SQLException {
        sql("DELETE FROM batches_view", "SHUTDOWN");

        assertThatThrownBy(() -> Database.open(db, 0)).isInstanceOf(DatabaseUnavailable.class)
                .hasMessageContaining("batches: 1 recorded, 0 shown");

        try (Connection connection = DriverManager.getConnection(HsqldbEngine.url(db), "SA", "")) {
            assertThat(names(connection, "SELECT CAST(MAX(\"version\") AS VARCHAR(10)) FROM \"flyway_schema_history\""))
                    .containsExactly("3");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
    }

    private void sql(String... statements) throws SQLException {
        OldSchema.sql(db, statements);
    }

    private static List<String> names(Connection connection, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}

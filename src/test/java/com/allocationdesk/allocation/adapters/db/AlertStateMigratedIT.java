package com.allocationdesk.allocation.adapters.db;

import com.allocationdesk.allocation.queries.NotificationRow;
import com.allocationdesk.allocation.queries.NotificationsQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V6__alert_state.sql on a database the previous release left (schema version 5), whose alerts
 * never resolved: after the upgrade, the open alerts are the waiting lines, one each.
 */
class AlertStateMigratedIT {
    @TempDir
    Path folder;
    private Path db;

    /**
     * o1 was allocated to "warehouse" after it waited, o3 was cancelled while it waited, o2 still
     * waits and was told twice, o4 waits and was never told (the alert was lost): every alert says
     * "waiting", as an older version left them.
     */
    @BeforeEach
    void databaseOfTheOldSchema() throws SQLException {
        db = folder.resolve("desk");
        OldSchema.create(db, "5");
        sql("INSERT INTO products VALUES ('LAMP', 1, 2)",
                "INSERT INTO batches VALUES ('warehouse', 'LAMP', 10, 8, NULL)",
                "INSERT INTO allocations VALUES ('warehouse', 'o1', 'LAMP', 8, 1)",
                "INSERT INTO waiting_lines VALUES ('LAMP', 'o2', 'LAMP', 5, TIMESTAMP '2027-01-01 10:00:00+00:00', 2)",
                "INSERT INTO waiting_lines VALUES ('LAMP', 'o4', 'LAMP', 7, TIMESTAMP '2027-01-01 11:00:00+00:00', 3)",
                "INSERT INTO read_batches (reference, sku, eta, purchased, allocated) VALUES ('warehouse', 'LAMP', NULL, 10, 8)",
                "INSERT INTO read_allocations (order_id, sku, quantity, batch_reference) VALUES ('o1', 'LAMP', 8, 'warehouse')",
                "INSERT INTO read_waiting (order_id, sku, quantity, since) VALUES ('o2', 'LAMP', 5, TIMESTAMP '2027-01-01 10:00:00+00:00')",
                "INSERT INTO read_waiting (order_id, sku, quantity, since) VALUES ('o4', 'LAMP', 7, TIMESTAMP '2027-01-01 11:00:00+00:00')",
                "INSERT INTO notifications (created_at, sku, order_id, quantity, is_read) VALUES"
                        + " (TIMESTAMP '2027-01-01 09:00:00+00:00', 'LAMP', 'o1', 8, TRUE),"
                        + " (TIMESTAMP '2027-01-01 10:00:00+00:00', 'LAMP', 'o2', 5, FALSE),"
                        + " (TIMESTAMP '2027-01-01 10:30:00+00:00', 'LAMP', 'o3', 2, FALSE),"
                        + " (TIMESTAMP '2027-01-02 10:00:00+00:00', 'LAMP', 'o2', 5, FALSE)",
                "SHUTDOWN");
    }

    @Test
    void theOldAlertsAreResolvedAndEachWaitingLineHasOneOpenAlert() throws SQLException {
        try (Database database = Database.open(db, 0)) {
            NotificationsQuery alerts = new NotificationsQuery(database.dataSource());
            assertThat(alerts.openCount()).isEqualTo(2);
            try (Connection connection = database.dataSource().getConnection()) {
                assertThat(rows(connection, "SELECT order_id, quantity, is_read, state, resolution, resolved_batch,"
                        + " resolved_at IS NOT NULL FROM notifications ORDER BY id")).containsExactly(
                        Arrays.asList("o1", 8, true, "RESOLVED", "ALLOCATED", "warehouse", true),
                        Arrays.asList("o2", 5, false, "RESOLVED", "SUPERSEDED", null, true),
                        Arrays.asList("o3", 2, false, "RESOLVED", "CANCELLED", null, true),
                        Arrays.asList("o2", 5, false, "OPEN", null, null, false),
                        Arrays.asList("o4", 7, false, "OPEN", null, null, false));
                assertThat(rows(connection, "SELECT CAST(MAX(\"version\") AS VARCHAR(10)) FROM \"flyway_schema_history\""))
                        .containsExactly(List.of(Integer.toString(com.allocationdesk.allocation.adapters.jdbc.Migrations.SCHEMA_VERSION)));
                assertThat(rows(connection, "SELECT DISTINCT index_name FROM information_schema.system_indexinfo"
                        + " WHERE table_schem = 'PUBLIC' AND table_name = 'NOTIFICATIONS' AND index_name NOT LIKE 'SYS_%'"
                        + " ORDER BY index_name")).extracting(row -> row.get(0))
                        .contains("NOTIFICATIONS_LINE_STATE_IX", "NOTIFICATIONS_STATE_IX");
            }
            assertThat(alerts.recent(10)).extracting(NotificationRow::describe)
                    .containsExactly("waiting", "waiting", "cancelled", "superseded", "allocated to warehouse");
        }
    }

    private void sql(String... statements) throws SQLException {
        OldSchema.sql(db, statements);
    }

    private static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}

package com.allocationdesk.allocation.adapters.readmodel;

import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.adapters.jdbc.HeldWrites;
import com.allocationdesk.allocation.adapters.jdbc.TransactionalReadModel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the read tables (V2__read_model.sql, named {@code read_*} by V4) with plain JDBC, on the
 * connection of the unit of work that owns it, so a read-table row commits or rolls back with the
 * change it mirrors. Every write is held back until the unit of work commits ({@link HeldWrites}).
 * {@code read_batches.available} is a generated column: the database keeps it equal to
 * {@code purchased - allocated}. The notifications are the out-of-stock alerts (V6: a state, OPEN
 * while the line waits, RESOLVED when it is allocated or cancelled).
 */
public final class JdbcReadModelWriter implements TransactionalReadModel {
    private static final String INSERT_BATCH =
            "INSERT INTO read_batches (reference, sku, eta, purchased, allocated) VALUES (?, ?, ?, ?, 0)";
    private static final String SET_PURCHASED = "UPDATE read_batches SET purchased = ? WHERE reference = ?";
    private static final String ADD_ALLOCATED = "UPDATE read_batches SET allocated = allocated + ? WHERE reference = ?";
    private static final String UPSERT_ALLOCATION = """
            MERGE INTO read_allocations v
            USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)), CAST(? AS INTEGER), CAST(? AS VARCHAR(64))))
                AS n (order_id, sku, quantity, batch_reference)
            ON v.order_id = n.order_id AND v.sku = n.sku
            WHEN MATCHED THEN UPDATE SET quantity = n.quantity, batch_reference = n.batch_reference
            WHEN NOT MATCHED THEN INSERT (order_id, sku, quantity, batch_reference)
                VALUES (n.order_id, n.sku, n.quantity, n.batch_reference)""";
    private static final String DELETE_ALLOCATION = "DELETE FROM read_allocations WHERE order_id = ? AND sku = ?";
    private static final String INSERT_WAITING_IF_ABSENT = """
            MERGE INTO read_waiting w
            USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)), CAST(? AS INTEGER),
                           CAST(? AS TIMESTAMP WITH TIME ZONE)))
                AS n (order_id, sku, quantity, since)
            ON w.order_id = n.order_id AND w.sku = n.sku
            WHEN NOT MATCHED THEN INSERT (order_id, sku, quantity, since)
                VALUES (n.order_id, n.sku, n.quantity, n.since)""";
    private static final String DELETE_WAITING = "DELETE FROM read_waiting WHERE order_id = ? AND sku = ?";
    private static final String SET_WAITING_QUANTITY = "UPDATE read_waiting SET quantity = ? WHERE order_id = ? AND sku = ?";
    private static final String SET_ALERT_QUANTITY =
            "UPDATE notifications SET quantity = ? WHERE order_id = ? AND sku = ? AND state = 'OPEN'";
    /** One open alert per waiting line (V6__alert_state.sql): none is added while the line has one open. */
    private static final String OPEN_ALERT = """
            INSERT INTO notifications (created_at, sku, order_id, quantity, state)
            SELECT CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)),
                   CAST(? AS INTEGER), 'OPEN'
            FROM (VALUES (0)) AS one (x)
            WHERE NOT EXISTS (SELECT 1 FROM notifications WHERE order_id = ? AND sku = ? AND state = 'OPEN')""";
    private static final String RESOLVE_ALLOCATED = "UPDATE notifications SET state = 'RESOLVED', resolved_at = ?,"
            + " resolution = 'ALLOCATED', resolved_batch = ? WHERE order_id = ? AND sku = ? AND state = 'OPEN'";
    private static final String RESOLVE_CANCELLED = "UPDATE notifications SET state = 'RESOLVED', resolved_at = ?,"
            + " resolution = 'CANCELLED' WHERE order_id = ? AND sku = ? AND state = 'OPEN'";
    private static final String MARK_NOTIFICATIONS_READ = "UPDATE notifications SET is_read = TRUE WHERE is_read = FALSE";
    /** Empties the read tables and refills them from the write tables; notifications are history and stay. */
    private static final String[] REBUILD = {
            "DELETE FROM read_allocations",
            "DELETE FROM read_batches",
            "DELETE FROM read_waiting",
            "INSERT INTO read_batches (reference, sku, eta, purchased, allocated)"
                    + " SELECT reference, sku, eta, purchased_quantity, allocated_quantity FROM batches",
            "INSERT INTO read_allocations (order_id, sku, quantity, batch_reference)"
                    + " SELECT order_id, sku, quantity, batch_reference FROM allocations",
            "INSERT INTO read_waiting (order_id, sku, quantity, since)"
                    + " SELECT order_id, sku, quantity, since FROM waiting_lines",
    };
    /**
     * After {@link #REBUILD}, each with the time of the rebuild: the open alerts of lines that no
     * longer wait are resolved, a waiting line's older open alerts are superseded by its newest, and
     * a waiting line without an open alert gets one. (V6__alert_state.sql did the same once.)
     */
    private static final String[] REBUILD_ALERTS = {
            """
            UPDATE notifications n SET state = 'RESOLVED', resolved_at = ?,
                resolution = CASE WHEN EXISTS (SELECT 1 FROM read_allocations a
                                               WHERE a.order_id = n.order_id AND a.sku = n.sku)
                                  THEN 'ALLOCATED' ELSE 'CANCELLED' END,
                resolved_batch = (SELECT a.batch_reference FROM read_allocations a
                                  WHERE a.order_id = n.order_id AND a.sku = n.sku)
            WHERE n.state = 'OPEN'
              AND NOT EXISTS (SELECT 1 FROM read_waiting w WHERE w.order_id = n.order_id AND w.sku = n.sku)""",
            """
            UPDATE notifications n SET state = 'RESOLVED', resolved_at = ?, resolution = 'SUPERSEDED'
            WHERE n.state = 'OPEN'
              AND EXISTS (SELECT 1 FROM notifications m
                          WHERE m.order_id = n.order_id AND m.sku = n.sku AND m.state = 'OPEN' AND m.id > n.id)""",
            """
            INSERT INTO notifications (created_at, sku, order_id, quantity, state)
            SELECT ?, w.sku, w.order_id, w.quantity, 'OPEN' FROM read_waiting w
            WHERE NOT EXISTS (SELECT 1 FROM notifications n
                              WHERE n.order_id = w.order_id AND n.sku = w.sku AND n.state = 'OPEN')""",
    };

    private final ConnectionRunner transaction;
    private final Map<String, Integer> allocatedDeltas = new LinkedHashMap<>();
    private final HeldWrites held = new HeldWrites();

    public JdbcReadModelWriter(ConnectionRunner transaction) {
        this.transaction = Objects.requireNonNull(transaction, "transaction");
    }

    @Override
    public void insertBatch(String reference, String sku, LocalDate eta, int purchased) {
        update(INSERT_BATCH, reference, sku, eta, purchased);
    }

    @Override
    public void setPurchased(String reference, int purchased) {
        update(SET_PURCHASED, purchased, reference);
    }

    /**
     * Remembered and written by {@link #flush()}: a chunk of 500 lines on one batch updates its
     * row once, not 500 times.
     */
    @Override
    public void addAllocated(String reference, int delta) {
        allocatedDeltas.merge(reference, delta, Integer::sum);
    }

    /** Writes what was held back, in order, and the allocated totals; the unit of work calls it inside its commit. */
    @Override
    public void flush() {
        allocatedDeltas.forEach((reference, delta) -> {
            if (delta != 0) {
                update(ADD_ALLOCATED, delta, reference);
            }
        });
        allocatedDeltas.clear();
        held.writeOn(transaction);
    }

    /** Inserts the allocation, or moves it when a stale row is still there. */
    @Override
    public void insertAllocation(String orderId, String sku, int quantity, String batchReference) {
        update(UPSERT_ALLOCATION, orderId, sku, quantity, batchReference);
    }

    @Override
    public void deleteAllocation(String orderId, String sku) {
        update(DELETE_ALLOCATION, orderId, sku);
    }

    @Override
    public void upsertWaiting(String orderId, String sku, int quantity, Instant since) {
        update(INSERT_WAITING_IF_ABSENT, orderId, sku, quantity, since);
    }

    @Override
    public void deleteWaiting(String orderId, String sku) {
        update(DELETE_WAITING, orderId, sku);
    }

    @Override
    public void setWaitingQuantity(String orderId, String sku, int quantity) {
        update(SET_WAITING_QUANTITY, quantity, orderId, sku);
        update(SET_ALERT_QUANTITY, quantity, orderId, sku);
    }

    @Override
    public void openAlert(Instant at, String sku, String orderId, int quantity) {
        update(OPEN_ALERT, at, sku, orderId, quantity, orderId, sku);
    }

    @Override
    public void resolveAlertAllocated(String orderId, String sku, String batchReference, Instant at) {
        update(RESOLVE_ALLOCATED, at, batchReference, orderId, sku);
    }

    @Override
    public void resolveAlertCancelled(String orderId, String sku, Instant at) {
        update(RESOLVE_CANCELLED, at, orderId, sku);
    }

    @Override
    public void markNotificationsRead() {
        update(MARK_NOTIFICATIONS_READ);
    }

    /**
     * Reads the write tables over the same connection when the unit of work commits, after its
     * own changes were flushed; {@code RebuildReadModelHandler} changes no aggregate anyway.
     */
    @Override
    public void rebuildFromWriteModel(Instant at) {
        allocatedDeltas.clear();
        for (String sql : REBUILD) {
            update(sql);
        }
        for (String sql : REBUILD_ALERTS) {
            update(sql, at);
        }
    }

    /** Held back until {@link #flush()} ({@link HeldWrites}). */
    private void update(String sql, Object... parameters) {
        held.add(sql, parameters);
    }
}

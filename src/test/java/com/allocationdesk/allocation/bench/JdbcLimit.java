package com.allocationdesk.allocation.bench;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The limit the app is measured against: the same read-modify-write of an allocation in plain
 * JDBC, one durable commit each — select the product, select its batches, version-checked update
 * of the product, update of the batch, insert of the allocation, insert of the read-table row,
 * update of the batch's read-table row, the ledger entry (the last {@code seq}, one INSERT of a
 * {@code line.allocated} payload of the same size).
 * <p>
 * On the file (item 1) one thread runs it. On a server (item 9) several do, each on a connection
 * of its own at Read Committed: the product row is locked ({@code FOR UPDATE}) instead of
 * version-checked after the fact, and the ledger is numbered under the same advisory lock the
 * app takes — the least a correct plain-JDBC desk could do.
 */
final class JdbcLimit {
    private final ConnectionSource connections;
    private final String selectProduct;
    private final String beforeNumbering;
    /** Transactions that had to start again (a lost version check, a deadlock). */
    private final AtomicLong retries = new AtomicLong();

    @FunctionalInterface
    interface ConnectionSource {
        Connection get() throws SQLException;
    }

    private JdbcLimit(ConnectionSource connections, String selectProduct, String beforeNumbering) {
        this.connections = connections;
        this.selectProduct = selectProduct;
        this.beforeNumbering = beforeNumbering;
    }

    /** On the embedded file, one thread: its commit lock already orders the ledger. */
    static JdbcLimit onFile(DataSource dataSource) {
        return new JdbcLimit(dataSource::getConnection, "SELECT version, line_sequence FROM products WHERE sku = ?", null);
    }

    /** On a PostgreSQL server, any number of threads; {@code ledgerLock} is the app's advisory lock key. */
    static JdbcLimit onServer(ConnectionSource connections, long ledgerLock) {
        return new JdbcLimit(connections, "SELECT version, line_sequence FROM products WHERE sku = ? FOR UPDATE",
                "SELECT pg_advisory_xact_lock(" + ledgerLock + ")");
    }

    long retries() {
        return retries.get();
    }

    /** {@code n} allocations of one unit, line {@code i} of SKU {@code skuOf(i)}; returns transactions per second. */
    double run(String prefix, int n, IntFunction<String> skuOf) throws SQLException {
        try (Connection c = connections.get();
             PreparedStatement product = c.prepareStatement(selectProduct);
             PreparedStatement batches = c.prepareStatement(
                     "SELECT reference, purchased_quantity, allocated_quantity, eta FROM batches WHERE sku = ?");
             PreparedStatement bump = c.prepareStatement(
                     "UPDATE products SET version = version + 1, line_sequence = line_sequence + 1 WHERE sku = ? AND version = ?");
             PreparedStatement batch = c.prepareStatement(
                     "UPDATE batches SET allocated_quantity = allocated_quantity + ? WHERE reference = ?");
             PreparedStatement allocation = c.prepareStatement(
                     "INSERT INTO allocations (batch_reference, order_id, sku, quantity, sequence) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement readRow = c.prepareStatement(
                     "INSERT INTO read_allocations (order_id, sku, quantity, batch_reference) VALUES (?, ?, ?, ?)");
             PreparedStatement batchRow = c.prepareStatement(
                     "UPDATE read_batches SET allocated = allocated + ? WHERE reference = ?");
             PreparedStatement lock = c.prepareStatement(beforeNumbering == null ? "VALUES 1" : beforeNumbering);
             PreparedStatement lastEntry = c.prepareStatement("SELECT seq FROM event_log ORDER BY seq DESC LIMIT 1");
             PreparedStatement entry = c.prepareStatement("INSERT INTO event_log"
                     + " (seq, recorded_at, type, version, desk, sku, order_id, batch_reference, payload)"
                     + " VALUES (?, ?, 'line.allocated', 1, 'bench@localhost', ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            if (beforeNumbering != null) {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String sku = skuOf.apply(i);
                String orderId = prefix + "-l" + i;
                while (true) {
                    try {
                        product.setString(1, sku);
                        long version;
                        long sequence;
                        try (ResultSet rs = product.executeQuery()) {
                            rs.next();
                            version = rs.getLong(1);
                            sequence = rs.getLong(2);
                        }
                        batches.setString(1, sku);
                        String reference = null;
                        try (ResultSet rs = batches.executeQuery()) {
                            while (rs.next()) {
                                if (rs.getInt(2) - rs.getInt(3) >= 1) {
                                    reference = rs.getString(1);
                                }
                            }
                        }
                        bump.setString(1, sku);
                        bump.setLong(2, version);
                        if (bump.executeUpdate() != 1) {
                            c.rollback();
                            retries.incrementAndGet();
                            continue;
                        }
                        batch.setInt(1, 1);
                        batch.setString(2, reference);
                        batch.executeUpdate();
                        allocation.setString(1, reference);
                        allocation.setString(2, orderId);
                        allocation.setString(3, sku);
                        allocation.setInt(4, 1);
                        allocation.setLong(5, sequence + 1);
                        allocation.executeUpdate();
                        readRow.setString(1, orderId);
                        readRow.setString(2, sku);
                        readRow.setInt(3, 1);
                        readRow.setString(4, reference);
                        readRow.executeUpdate();
                        batchRow.setInt(1, 1);
                        batchRow.setString(2, reference);
                        batchRow.executeUpdate();
                        if (beforeNumbering != null) {
                            lock.execute();
                        }
                        long seq;
                        try (ResultSet rs = lastEntry.executeQuery()) {
                            seq = (rs.next() ? rs.getLong(1) : 0) + 1;
                        }
                        entry.setLong(1, seq);
                        entry.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                        entry.setString(3, sku);
                        entry.setString(4, orderId);
                        entry.setString(5, reference);
                        entry.setString(6, LedgerBench.allocatedPayload(orderId, sku, reference));
                        entry.executeUpdate();
                        c.commit();
                        break;
                    } catch (SQLException e) {
                        if (!"40P01".equals(e.getSQLState()) && !"40001".equals(e.getSQLState())) {
                            throw e;
                        }
                        c.rollback();
                        retries.incrementAndGet();
                    }
                }
            }
            double rate = n / ((System.nanoTime() - start) / 1e9);
            c.setAutoCommit(true);
            return rate;
        }
    }
}

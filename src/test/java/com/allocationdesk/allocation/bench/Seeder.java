package com.allocationdesk.allocation.bench;

import com.allocationdesk.allocation.adapters.db.Database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Seeds a database fast with direct SQL, consistently into the write tables and the read tables
 * (what the bus would have written line by line): {@code lines / 100} SKUs, each with one
 * warehouse batch and 100 allocated lines of 1 unit; plus, per run, 10 "few" SKUs with 10 lines
 * and one "many" SKU with 10,000 lines.
 */
final class Seeder {
    private static final int BATCH_QUANTITY = 10_000_000;

    private Seeder() {
    }

    static String sku(int i) {
        return String.format("S%06d", i);
    }

    static String order(int i) {
        return String.format("O%07d", i);
    }

    static String hotFew(int run, int k) {
        return "HF" + run + "-" + k;
    }

    static String hotMany(int run) {
        return "HM" + run;
    }

    static void seed(Path path, int lines, int hotRuns) throws SQLException {
        try (Database database = Database.open(path);
             Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Inserter in = new Inserter(c)) {
                int skus = lines / 100;
                for (int s = 0; s < skus; s++) {
                    in.product(sku(s), 100);
                    for (int j = 0; j < 100; j++) {
                        in.allocation(sku(s), order(s * 100 + j), j + 1);
                    }
                }
                for (int run = 0; run < hotRuns; run++) {
                    for (int k = 0; k < 10; k++) {
                        String sku = hotFew(run, k);
                        in.product(sku, 10);
                        for (int j = 0; j < 10; j++) {
                            in.allocation(sku, sku + "-" + j, j + 1);
                        }
                    }
                    String sku = hotMany(run);
                    in.product(sku, 10_000);
                    for (int j = 0; j < 10_000; j++) {
                        in.allocation(sku, sku + "-" + j, j + 1);
                    }
                }
            }
            c.commit();
        }
    }

    /** Batched inserts; flushes every 5,000 rows and commits every 50,000. */
    private static final class Inserter implements AutoCloseable {
        private final Connection c;
        private final PreparedStatement product;
        private final PreparedStatement batch;
        private final PreparedStatement batchRow;
        private final PreparedStatement allocation;
        private final PreparedStatement allocationRow;
        private int pending;
        private long total;

        Inserter(Connection c) throws SQLException {
            this.c = c;
            product = c.prepareStatement("INSERT INTO products (sku, version, line_sequence) VALUES (?, 1, ?)");
            batch = c.prepareStatement("INSERT INTO batches (reference, sku, purchased_quantity, allocated_quantity, eta)"
                    + " VALUES (?, ?, ?, ?, NULL)");
            batchRow = c.prepareStatement("INSERT INTO read_batches (reference, sku, eta, purchased, allocated)"
                    + " VALUES (?, ?, NULL, ?, ?)");
            allocation = c.prepareStatement("INSERT INTO allocations (batch_reference, order_id, sku, quantity, sequence)"
                    + " VALUES (?, ?, ?, 1, ?)");
            allocationRow = c.prepareStatement("INSERT INTO read_allocations (order_id, sku, quantity, batch_reference)"
                    + " VALUES (?, ?, 1, ?)");
        }

        void product(String sku, int lines) throws SQLException {
            product.setString(1, sku);
            product.setLong(2, lines);
            product.addBatch();
            batch.setString(1, "B" + sku);
            batch.setString(2, sku);
            batch.setInt(3, BATCH_QUANTITY);
            batch.setInt(4, lines);
            batch.addBatch();
            batchRow.setString(1, "B" + sku);
            batchRow.setString(2, sku);
            batchRow.setInt(3, BATCH_QUANTITY);
            batchRow.setInt(4, lines);
            batchRow.addBatch();
            // products and batches first: the allocations refer to them
            product.executeBatch();
            batch.executeBatch();
            batchRow.executeBatch();
        }

        void allocation(String sku, String orderId, long sequence) throws SQLException {
            allocation.setString(1, "B" + sku);
            allocation.setString(2, orderId);
            allocation.setString(3, sku);
            allocation.setLong(4, sequence);
            allocation.addBatch();
            allocationRow.setString(1, orderId);
            allocationRow.setString(2, sku);
            allocationRow.setString(3, "B" + sku);
            allocationRow.addBatch();
            if (++pending == 5_000) {
                flush();
            }
        }

        private void flush() throws SQLException {
            if (pending == 0) {
                return;
            }
            allocation.executeBatch();
            allocationRow.executeBatch();
            total += pending;
            pending = 0;
            if (total % 50_000 == 0) {
                c.commit();
            }
        }

        @Override
        public void close() throws SQLException {
            flush();
            product.close();
            batch.close();
            batchRow.close();
            allocation.close();
            allocationRow.close();
        }
    }
}

package com.allocationdesk.allocation.adapters.orm;

import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.domain.Batch;

import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code batches} table for one unit of work, in plain JDBC on its connection: the batch books
 * of its products, their reads (many products in one query) and, at commit, their writes (JDBC
 * batches of the new rows and of the changed ones), after Hibernate has flushed the products they
 * belong to. Hibernate maps no batch: its per-entity work on every batch a command read (loading,
 * then dirty-checking at the flush) was a fifth of an allocation's CPU (docs/decisions/0022).
 */
final class JdbcBatches {
    /** The most keys one read names; reads name 1, 2, 4 … of them (the last repeated), so few texts are compiled. */
    private static final int KEYS_PER_READ = 512;
    private static final String COLUMNS = "SELECT reference, sku, purchased_quantity, eta, allocated_quantity FROM batches";
    private static final String INSERT = "INSERT INTO batches (reference, sku, purchased_quantity, eta, allocated_quantity)"
            + " VALUES (?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE batches SET purchased_quantity = ?, allocated_quantity = ? WHERE reference = ?";

    private final ConnectionRunner database;
    private final Map<String, JdbcBatchBook> books = new LinkedHashMap<>();

    JdbcBatches(ConnectionRunner database) {
        this.database = database;
    }

    /** The book of the product of this SKU; {@code stored} false for a product the unit of work created. */
    JdbcBatchBook bookOf(String sku, boolean stored) {
        return books.computeIfAbsent(sku, key -> new JdbcBatchBook(this, stored));
    }

    /** The SKU of each of these references that a stored batch has. */
    Map<String, String> skusOf(Collection<String> references) {
        Map<String, String> skus = new LinkedHashMap<>();
        read(List.copyOf(references), "reference", batch -> skus.put(batch.reference(), batch.sku()));
        return skus;
    }

    /** Reads the batches of every product whose book has not read them yet. */
    void readUnread() {
        List<String> unread = books.entrySet().stream()
                .filter(book -> book.getValue().isUnread()).map(Map.Entry::getKey).toList();
        Map<String, List<Batch>> bySku = new HashMap<>();
        read(unread, "sku", batch -> bySku.computeIfAbsent(batch.sku(), sku -> new ArrayList<>()).add(batch));
        unread.forEach(sku -> books.get(sku).read(bySku.getOrDefault(sku, List.of())));
    }

    /** Writes the new batches, then the changed ones, of every book. */
    void flush() {
        List<Batch> added = new ArrayList<>();
        List<Batch> changed = new ArrayList<>();
        books.values().forEach(book -> {
            added.addAll(book.added());
            changed.addAll(book.changed());
        });
        if (!added.isEmpty()) {
            database.withStatement(INSERT, insert -> {
                for (Batch batch : added) {
                    insert.setString(1, batch.reference());
                    insert.setString(2, batch.sku());
                    insert.setInt(3, batch.purchasedQuantity());
                    insert.setObject(4, batch.eta());
                    insert.setInt(5, batch.allocatedQuantity());
                    insert.addBatch();
                }
                return insert.executeBatch();
            });
        }
        if (!changed.isEmpty()) {
            database.withStatement(UPDATE, update -> {
                for (Batch batch : changed) {
                    update.setInt(1, batch.purchasedQuantity());
                    update.setInt(2, batch.allocatedQuantity());
                    update.setString(3, batch.reference());
                    update.addBatch();
                }
                return update.executeBatch();
            });
        }
        books.values().forEach(JdbcBatchBook::flushed);
    }

    /** Every stored batch whose {@code column} is one of {@code keys}, handed to {@code each}. */
    private void read(List<String> keys, String column, Consumer<Batch> each) {
        for (int from = 0; from < keys.size(); from += KEYS_PER_READ) {
            List<String> slice = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_READ));
            int width = Integer.highestOneBit(slice.size());
            width = width == slice.size() ? width : width * 2;
            String sql = COLUMNS + " WHERE " + column + (width == 1 ? " = ?" : " IN (?" + ", ?".repeat(width - 1) + ")");
            int placeholders = width;
            database.withStatement(sql, select -> {
                for (int i = 0; i < placeholders; i++) {
                    select.setString(i + 1, slice.get(Math.min(i, slice.size() - 1)));
                }
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        each.accept(Batch.stored(row.getString(1), row.getString(2), row.getInt(3),
                                row.getObject(4, LocalDate.class), row.getInt(5)));
                    }
                }
                return null;
            });
        }
    }
}

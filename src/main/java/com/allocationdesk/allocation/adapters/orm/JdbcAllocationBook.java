package com.allocationdesk.allocation.adapters.orm;

import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.domain.Allocation;
import com.allocationdesk.allocation.domain.AllocationBook;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The allocated lines of one product, read from the {@code allocations} table one order (or, when
 * a batch shrinks, one batch) at a time, so that loading a product does not load its history.
 * Changes are remembered in order and written by {@link #flush()} when the unit of work commits,
 * after the batches they refer to are written ({@link JdbcBatches}). Lookups see this unit of work's own
 * changes first.
 */
final class JdbcAllocationBook implements AllocationBook {
    private static final String FIND =
            "SELECT quantity, batch_reference, sequence FROM allocations WHERE order_id = ? AND sku = ?";
    private static final String IN_BATCH =
            "SELECT order_id, quantity, sequence FROM allocations WHERE batch_reference = ?";
    private static final String INSERT =
            "INSERT INTO allocations (batch_reference, order_id, sku, quantity, sequence) VALUES (?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM allocations WHERE order_id = ? AND sku = ?";

    private final String sku;
    private final ConnectionRunner database;
    /** Lines this unit of work has read or changed, by order id; empty means "known not allocated". */
    private final Map<String, Optional<Allocation>> known = new HashMap<>();
    /** Changes in the order they were made. */
    private final List<Change> changes = new ArrayList<>();

    JdbcAllocationBook(String sku, ConnectionRunner database) {
        this.sku = sku;
        this.database = database;
    }

    @Override
    public Optional<Allocation> find(String orderId) {
        Optional<Allocation> line = known.get(orderId);
        if (line == null) {
            line = database.withStatement(FIND, statement -> load(statement, orderId));
            known.put(orderId, line);
        }
        return line;
    }

    @Override
    public List<Allocation> newestFirst(String batchReference) {
        Map<String, Allocation> lines = new HashMap<>();
        for (Allocation stored : database.withStatement(IN_BATCH, statement -> loadBatch(statement, batchReference))) {
            lines.put(stored.orderId(), stored);
        }
        known.forEach((orderId, line) -> {
            lines.remove(orderId);
            line.filter(l -> l.batchReference().equals(batchReference)).ifPresent(l -> lines.put(orderId, l));
        });
        List<Allocation> newestFirst = new ArrayList<>(lines.values());
        newestFirst.sort(Comparator.comparingLong(Allocation::sequence).reversed());
        return newestFirst;
    }

    @Override
    public void add(Allocation allocation) {
        known.put(allocation.orderId(), Optional.of(allocation));
        changes.add(new Change(allocation, true));
    }

    @Override
    public void remove(Allocation allocation) {
        known.put(allocation.orderId(), Optional.empty());
        changes.add(new Change(allocation, false));
    }

    /** Writes the changes, in order, on the unit of work's connection. */
    void flush() {
        for (Change change : changes) {
            Allocation line = change.allocation();
            if (change.insert()) {
                database.withStatement(INSERT, insert -> {
                    insert.setString(1, line.batchReference());
                    insert.setString(2, line.orderId());
                    insert.setString(3, sku);
                    insert.setInt(4, line.quantity());
                    insert.setLong(5, line.sequence());
                    return insert.executeUpdate();
                });
            } else {
                database.withStatement(DELETE, delete -> {
                    delete.setString(1, line.orderId());
                    delete.setString(2, sku);
                    return delete.executeUpdate();
                });
            }
        }
        changes.clear();
    }

    private Optional<Allocation> load(PreparedStatement statement, String orderId) throws SQLException {
        statement.setString(1, orderId);
        statement.setString(2, sku);
        try (ResultSet row = statement.executeQuery()) {
            return row.next()
                    ? Optional.of(new Allocation(orderId, sku, row.getInt(1), row.getString(2), row.getLong(3)))
                    : Optional.empty();
        }
    }

    private List<Allocation> loadBatch(PreparedStatement statement, String batchReference) throws SQLException {
        List<Allocation> lines = new ArrayList<>();
        statement.setString(1, batchReference);
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                lines.add(new Allocation(row.getString(1), sku, row.getInt(2), batchReference, row.getLong(3)));
            }
        }
        return lines;
    }

    private record Change(Allocation allocation, boolean insert) {
    }
}

package com.allocationdesk.allocation.adapters.outbox;

import com.allocationdesk.allocation.adapters.jdbc.CommitGate;
import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.outbox.OutboxProgress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The relay's progress in table {@code outbox_progress} (V7). A small write of its own, not a
 * domain command: one row per outbox name, committed through the store's {@link CommitGate}
 * (free space, a commit that did not reach the disk is refused with {@code DatabaseUnavailable}).
 */
public final class JdbcOutboxProgress implements OutboxProgress {
    private static final String READ = "SELECT last_seq FROM outbox_progress WHERE name = ?";
    private static final String UPDATE = "UPDATE outbox_progress SET last_seq = ? WHERE name = ?";
    private static final String INSERT = "INSERT INTO outbox_progress (last_seq, name) VALUES (?, ?)";

    private final Store store;

    public JdbcOutboxProgress(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public long lastSeq(String name) {
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(READ)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw store.commitGate().failure(new IllegalStateException("Could not read the outbox progress: " + e.getMessage(), e));
        }
    }

    @Override
    public void store(String name, long lastSeq) {
        CommitGate gate = store.commitGate();
        gate.beforeTransaction();
        try (Connection c = store.dataSource().getConnection()) {
            gate.beforeWriting();
            c.setAutoCommit(false);
            try {
                if (write(c, UPDATE, name, lastSeq) == 0) {
                    write(c, INSERT, name, lastSeq);
                }
                gate.commit(() -> {
                    try {
                        c.commit();
                    } catch (SQLException e) {
                        throw new IllegalStateException("Could not store the outbox progress: " + e.getMessage(), e);
                    }
                });
            } catch (SQLException | RuntimeException e) {
                quietly(c, e);
                throw e;
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw gate.failure(new IllegalStateException("Could not store the outbox progress: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw gate.failure(e);
        }
    }

    /** Rolls back and gives the connection back in auto-commit; a store that just stopped may refuse both. */
    private static void quietly(Connection c, Exception failure) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static int write(Connection c, String sql, String name, long lastSeq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, lastSeq);
            s.setString(2, name);
            return s.executeUpdate();
        }
    }
}

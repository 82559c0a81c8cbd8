package com.allocationdesk.allocation.adapters.inbox;

import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.adapters.jdbc.HeldWrites;
import com.allocationdesk.allocation.adapters.jdbc.TransactionalInboxReceipts;

import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The inbox's receipts in table {@code inbox_receipts} (V8), on the unit of work's connection: a
 * receipt is inserted when the unit of work commits ({@link HeldWrites}), in the transaction of the
 * chunk it records, so both commit or neither. Two desks taking the same chunk at once collide on
 * the primary key; the loser is retried and then finds the winner's receipt.
 */
public final class JdbcInboxReceipts implements TransactionalInboxReceipts {
    private static final String TAKEN = "SELECT 1 FROM inbox_receipts WHERE content_hash = ? AND chunk = ?";
    private static final String INSERT = "INSERT INTO inbox_receipts "
            + "(content_hash, chunk, file_name, commands, last_chunk, taken_at) VALUES (?, ?, ?, ?, ?, ?)";

    private final ConnectionRunner connection;
    private final HeldWrites held = new HeldWrites();
    /** The chunks this unit of work records, as hash and chunk number. */
    private final Set<String> recorded = new HashSet<>();

    public JdbcInboxReceipts(ConnectionRunner connection) {
        this.connection = connection;
    }

    @Override
    public boolean taken(String contentHash, int chunk) {
        if (recorded.contains(key(contentHash, chunk))) {
            return true;
        }
        return connection.withStatement(TAKEN, statement -> {
            statement.setString(1, contentHash);
            statement.setInt(2, chunk);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        });
    }

    @Override
    public void record(Receipt receipt) {
        recorded.add(key(receipt.contentHash(), receipt.chunk()));
        held.add(INSERT, receipt.contentHash(), receipt.chunk(), receipt.file(), receipt.commands(), receipt.last(),
                receipt.takenAt());
    }

    @Override
    public void write() {
        held.writeOn(connection);
    }

    private static String key(String contentHash, int chunk) {
        return contentHash + "#" + chunk;
    }
}

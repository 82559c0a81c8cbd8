package com.allocationdesk.allocation.adapters.inbox;

import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.adapters.jdbc.TransactionalInboxReceipts;

import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The inbox's receipts in table {@code inbox_receipts} (V8), on the unit of work's connection: a
 * receipt is inserted in the transaction of the chunk it records, so both commit or neither. Two
 * desks taking the same chunk at once collide on the primary key; the loser is retried and then
 * finds the winner's receipt.
 */
public final class JdbcInboxReceipts implements TransactionalInboxReceipts {
    private static final String TAKEN = "SELECT 1 FROM inbox_receipts WHERE content_hash = ? AND chunk = ?";
    private static final String INSERT = "INSERT INTO inbox_receipts "
            + "(content_hash, chunk, file_name, commands, last_chunk, taken_at) VALUES (?, ?, ?, ?, ?, ?)";

    private final ConnectionRunner connection;

    public JdbcInboxReceipts(ConnectionRunner connection) {
        this.connection = connection;
    }

    @Override
    public boolean taken(String contentHash, int chunk) {
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
        connection.withStatement(INSERT, statement -> {
            statement.setString(1, receipt.contentHash());
            statement.setInt(2, receipt.chunk());
            statement.setString(3, receipt.file());
            statement.setInt(4, receipt.commands());
            statement.setBoolean(5, receipt.last());
            statement.setObject(6, OffsetDateTime.ofInstant(receipt.takenAt(), ZoneOffset.UTC));
            return statement.executeUpdate();
        });
    }
}

package com.allocationdesk.allocation.queries;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the inbox has taken ({@code inbox_receipts}, V8): of one file, and the newest file. */
public final class InboxReceiptsQuery {
    private static final String OF_FILE = "SELECT COUNT(*), MAX(CASE WHEN last_chunk THEN 1 ELSE 0 END), MIN(taken_at) "
            + "FROM inbox_receipts WHERE content_hash = ?";
    private static final String NEWEST = "SELECT file_name, taken_at FROM inbox_receipts ORDER BY taken_at DESC LIMIT 1";

    /** The chunks of one file taken so far: none, some (a take that stopped), or all of them. */
    public record FileReceipts(int chunks, boolean complete, Instant firstTaken) {
        public static final FileReceipts NONE = new FileReceipts(0, false, null);

        public boolean none() {
            return chunks == 0;
        }
    }

    /** A file's name and when its newest chunk was taken. */
    public record Taken(String file, Instant at) {
    }

    private final DataSource dataSource;

    public InboxReceiptsQuery(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The receipts of the file whose bytes have this SHA-256. */
    public FileReceipts of(String sha256) {
        List<FileReceipts> found = Sql.list(dataSource, OF_FILE,
                rs -> rs.getInt(1) == 0 ? FileReceipts.NONE
                        : new FileReceipts(rs.getInt(1), rs.getInt(2) == 1, Sql.instant(rs, 3)), sha256);
        return found.isEmpty() ? FileReceipts.NONE : found.get(0);
    }

    /** The file of the newest receipt, if the inbox has taken anything. */
    public Optional<Taken> newest() {
        return Sql.list(dataSource, NEWEST, rs -> new Taken(rs.getString(1), Sql.instant(rs, 2))).stream().findFirst();
    }
}

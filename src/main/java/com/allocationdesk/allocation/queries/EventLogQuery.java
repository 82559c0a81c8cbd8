package com.allocationdesk.allocation.queries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads the planner's ledger, {@code event_log} (docs/EVENTS.md). Everything about one order, batch
 * or SKU is a range scan on its index ({@code (order_id, seq)}, {@code (batch_reference, seq)},
 * {@code (sku, seq)}): the newest {@code limit} entries, read backwards and returned oldest first
 * (newest last). {@link #after} reads the whole log in sequence order, for scripts that resume
 * after the last entry they processed.
 */
public final class EventLogQuery {
    static final String COLUMNS = "SELECT seq, recorded_at, type, version, desk, sku, order_id, batch_reference, payload"
            + " FROM event_log";
    private static final String NEWEST_LAST = " ORDER BY seq DESC LIMIT ?";
    private static final String FOR_ORDER = COLUMNS + " WHERE order_id = ?" + NEWEST_LAST;
    private static final String FOR_LINE = COLUMNS + " WHERE order_id = ? AND sku = ?" + NEWEST_LAST;
    private static final String FOR_BATCH = COLUMNS + " WHERE batch_reference = ?" + NEWEST_LAST;
    private static final String FOR_SKU = COLUMNS + " WHERE sku = ?" + NEWEST_LAST;
    private static final String AFTER = COLUMNS + " WHERE seq > ? ORDER BY seq LIMIT ?";
    private static final String LAST = "SELECT MAX(seq) FROM event_log";

    private final DataSource dataSource;

    public EventLogQuery(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The order's last {@code limit} entries (exact order id), oldest first. */
    public List<LogEntryRow> forOrder(String orderId, int limit) {
        return newestLast(FOR_ORDER, limit, orderId);
    }

    /**
     * The last {@code limit} entries of one line of an order (exact order id and SKU), oldest first:
     * the order's range on its index, then its SKU, so a line of a large order keeps all its entries.
     */
    public List<LogEntryRow> forLine(String orderId, String sku, int limit) {
        return newestLast(FOR_LINE, limit, orderId, sku);
    }

    /** The batch's last {@code limit} entries (exact reference), oldest first. */
    public List<LogEntryRow> forBatch(String batchReference, int limit) {
        return newestLast(FOR_BATCH, limit, batchReference);
    }

    /** The SKU's last {@code limit} entries (exact SKU), oldest first. */
    public List<LogEntryRow> forSku(String sku, int limit) {
        return newestLast(FOR_SKU, limit, sku);
    }

    /** The first {@code limit} entries with a sequence number above {@code seq}, in sequence order. */
    public List<LogEntryRow> after(long seq, int limit) {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, was " + seq);
        }
        if (checked(limit) == 0) {
            return List.of();
        }
        return Sql.list(dataSource, AFTER, EventLogQuery::row, seq, limit);
    }

    /** The number of the newest entry; 0 when the log is empty. */
    public long last() {
        long[] last = new long[1];
        Sql.each(dataSource, LAST, 0, rs -> last[0] = rs.getLong(1));
        return last[0];
    }

    /** The last {@code limit} entries matching the keys (stripped; null as empty), oldest first. */
    private List<LogEntryRow> newestLast(String sql, int limit, String... keys) {
        if (checked(limit) == 0) {
            return List.of(); // HyperSQL reads LIMIT 0 as "no limit"
        }
        Object[] parameters = new Object[keys.length + 1];
        for (int i = 0; i < keys.length; i++) {
            parameters[i] = keys[i] == null ? "" : keys[i].strip();
        }
        parameters[keys.length] = limit;
        List<LogEntryRow> rows = new ArrayList<>(Sql.list(dataSource, sql, EventLogQuery::row, parameters));
        Collections.reverse(rows);
        return rows;
    }

    private static int checked(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return limit;
    }

    static LogEntryRow row(ResultSet rs) throws SQLException {
        return new LogEntryRow(rs.getLong(1), Sql.instant(rs, 2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }
}

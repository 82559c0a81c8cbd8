package com.allocationdesk.allocation.queries;

import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads the stored out-of-stock alerts, newest first, with their states. The open ones are exactly
 * the waiting lines, one each, so {@link #openCount()} equals the Waiting list's count.
 */
public final class NotificationsQuery {
    private static final String RECENT = "SELECT id, created_at, sku, order_id, quantity, is_read, state, resolution,"
            + " resolved_batch, resolved_at FROM notifications ORDER BY id DESC LIMIT ?";
    private static final String UNREAD = "SELECT COUNT(*) FROM notifications WHERE is_read = FALSE";
    private static final String OPEN = "SELECT COUNT(*) FROM notifications WHERE state = 'OPEN'";

    private final DataSource dataSource;

    public NotificationsQuery(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The {@code limit} most recent notifications, newest first. */
    public List<NotificationRow> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return Sql.list(dataSource, RECENT, rs -> new NotificationRow(rs.getLong(1), Sql.instant(rs, 2),
                rs.getString(3), rs.getString(4), rs.getInt(5), rs.getBoolean(6), rs.getString(7), rs.getString(8),
                rs.getString(9), Sql.instant(rs, 10)), limit);
    }

    /** The open alerts: the lines that wait for stock. */
    public int openCount() {
        return Sql.integer(dataSource, OPEN);
    }

    public int unreadCount() {
        return Sql.integer(dataSource, UNREAD);
    }
}

package com.allocationdesk.allocation.adapters.eventlog;

import com.allocationdesk.allocation.adapters.jdbc.CommitGate;
import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.adapters.jdbc.TransactionalEventLog;
import com.allocationdesk.allocation.domain.events.Event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a unit of work's events into {@code event_log} (V5__event_log.sql) over its connection.
 * The entries are turned into their published shape when appended ({@link EventJson}) and written
 * in {@link #write()}, inside the store's commit: the next number follows the last one, read as the
 * store's {@link CommitGate#lastLedgerNumber} says (on the embedded store under its commit lock, on a
 * server under an advisory lock), so numbers are gap-free and in commit order. Entries are recorded
 * at the microsecond, what every store keeps.
 */
public final class JdbcEventLog implements TransactionalEventLog {
    /**
     * The last number: read from the end of the primary key's index (about 20 µs at any size).
     * Not {@code COALESCE(MAX(seq), 0)}: HSQLDB answers a bare {@code MAX} from the index but scans
     * the whole table for that expression (116 ms at 200,000 entries).
     */
    private static final String LAST = "SELECT seq FROM event_log ORDER BY seq DESC LIMIT 1";
    private static final String INSERT = "INSERT INTO event_log"
            + " (seq, recorded_at, type, version, desk, sku, order_id, batch_reference, payload)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final ConnectionRunner connection;
    private final CommitGate gate;
    private final Clock clock;
    private final String desk;
    private final List<EventJson.Entry> pending = new ArrayList<>();

    public JdbcEventLog(ConnectionRunner connection, CommitGate gate, Clock clock, String desk) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.desk = Objects.requireNonNull(desk, "desk");
    }

    /** The factory a unit of work makes its log with: this clock and desk name for every entry. */
    public static TransactionalEventLog.Factory factory(Clock clock, String desk) {
        return (connection, gate) -> new JdbcEventLog(connection, gate, clock, desk);
    }

    @Override
    public void append(List<Event> events) {
        events.forEach(event -> pending.add(EventJson.of(event)));
    }

    @Override
    public void write() {
        if (pending.isEmpty()) {
            return;
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        long last = gate.lastLedgerNumber(connection, JdbcEventLog::last);
        connection.run(c -> {
            long seq = last;
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (EventJson.Entry entry : pending) {
                    insert.setLong(1, ++seq);
                    insert.setObject(2, at);
                    insert.setString(3, entry.type());
                    insert.setInt(4, entry.version());
                    insert.setString(5, desk);
                    insert.setString(6, entry.sku());
                    insert.setString(7, entry.orderId());
                    insert.setString(8, entry.batchReference());
                    insert.setString(9, entry.data());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        pending.clear();
    }

    private static long last(Connection c) throws SQLException {
        try (PreparedStatement last = c.prepareStatement(LAST); ResultSet rs = last.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}

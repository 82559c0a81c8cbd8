package com.allocationdesk.allocation.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Every line of one order and where it stands: ALLOCATED ({@code read_allocations}, with the batch's
 * ETA from {@code read_batches}), WAITING ({@code read_waiting}, with its place in the SKU's queue and
 * the most any batch of the SKU has free) or CANCELLED (a {@code line.cancelled} entry in the log,
 * for a line in neither table). The time and reason of an allocation or a cancellation come from the
 * order's entries in {@code event_log}, read once through its {@code (order_id, seq)} index.
 * <p>
 * The queue is read as {@code WaitingQuery} lists it: by {@code since}, then order id (then SKU,
 * which within one SKU's queue never decides).
 */
public final class OrderStatusQuery {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ALLOCATED = "SELECT a.sku, a.quantity, a.batch_reference, b.eta FROM read_allocations a"
            + " LEFT JOIN read_batches b ON b.reference = a.batch_reference WHERE a.order_id = ?";
    private static final String WAITING = "SELECT sku, quantity, since FROM read_waiting WHERE order_id = ?";
    /**
     * Lines ahead in the queue, in the order the domain serves it: its line sequence, kept in the
     * write model's {@code waiting_lines} (not {@code since}: a line a shrinking batch gave back
     * waits since the change but keeps its old place).
     */
    private static final String AHEAD_IN_QUEUE = "SELECT COUNT(*) FROM waiting_lines me JOIN waiting_lines w"
            + " ON w.product_sku = me.product_sku AND w.sequence < me.sequence WHERE me.order_id = ? AND me.sku = ?";
    private static final String LARGEST_AVAILABLE = "SELECT COALESCE(MAX(available), 0) FROM read_batches"
            + " WHERE sku_key = UPPER(CAST(? AS VARCHAR(64))) AND sku = ?";
    private static final String ENTRIES = EventLogQuery.COLUMNS
            + " WHERE order_id = ? AND type IN ('line.allocated', 'line.cancelled') ORDER BY seq";

    private final DataSource dataSource;
    private final HistorySentences sentences;

    public OrderStatusQuery(DataSource dataSource, HistorySentences sentences) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.sentences = Objects.requireNonNull(sentences, "sentences");
    }

    /** The order's lines by SKU; empty when no line of it was ever placed, waits or was cancelled. */
    public List<OrderLineStatusRow> of(String orderId) {
        String order = orderId == null ? "" : orderId.strip();
        Map<String, LogEntryRow> lastAllocated = new HashMap<>();
        Map<String, LogEntryRow> lastCancelled = new HashMap<>();
        for (LogEntryRow entry : Sql.list(dataSource, ENTRIES, EventLogQuery::row, order)) {
            (entry.type().equals("line.allocated") ? lastAllocated : lastCancelled).put(entry.sku(), entry);
        }
        Map<String, OrderLineStatusRow> lines = new TreeMap<>();
        Sql.each(dataSource, ALLOCATED, 0, rs -> {
            String sku = rs.getString(1);
            Date eta = rs.getDate(4);
            LogEntryRow entry = lastAllocated.get(sku);
            lines.put(sku, new OrderLineStatusRow(order, sku, rs.getInt(2), OrderLineStatusRow.State.ALLOCATED,
                    rs.getString(3), eta == null ? null : eta.toLocalDate(), entry == null ? null : entry.at(),
                    null, null, entry == null ? null : sentences.sentence(entry)));
        }, order);
        for (WaitingRow waiting : Sql.list(dataSource, WAITING,
                rs -> new WaitingRow(order, rs.getString(1), rs.getInt(2), Sql.instant(rs, 3)), order)) {
            int position = 1 + Sql.integer(dataSource, AHEAD_IN_QUEUE, order, waiting.sku());
            int largest = Sql.integer(dataSource, LARGEST_AVAILABLE, waiting.sku(), waiting.sku());
            lines.put(waiting.sku(), new OrderLineStatusRow(order, waiting.sku(), waiting.quantity(),
                    OrderLineStatusRow.State.WAITING, null, null, waiting.since(), position, largest,
                    "waits for stock, position " + position + " in the " + waiting.sku() + " queue; needs "
                            + waiting.quantity() + ", " + (largest == 0 ? "no batch has any free"
                            : "at most " + largest + " free in one batch")));
        }
        lastCancelled.forEach((sku, entry) -> lines.computeIfAbsent(sku, s -> cancelled(order, entry)));
        return new ArrayList<>(lines.values());
    }

    private OrderLineStatusRow cancelled(String order, LogEntryRow entry) {
        int quantity = 0;
        String batch = entry.batchReference();
        try {
            JsonNode data = MAPPER.readTree(entry.payload());
            quantity = data.path("quantity").asInt(0);
            JsonNode left = data.path("batch");
            batch = left.isTextual() ? left.asText() : batch;
        } catch (Exception e) { // an entry this version cannot read: the envelope still says which line
            quantity = 0;
        }
        return new OrderLineStatusRow(order, entry.sku(), quantity, OrderLineStatusRow.State.CANCELLED, batch,
                null, entry.at(), null, null, sentences.sentence(entry));
    }
}

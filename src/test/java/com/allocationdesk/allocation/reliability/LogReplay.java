package com.allocationdesk.allocation.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The allocation state rebuilt from the event log alone, replayed from sequence 1 in order: where
 * each line is (a batch, or {@link #WAITING}) and each batch's purchased quantity. Compared with
 * the write model, it shows the log tells the whole story: nothing the write model holds is missing
 * from it, and nothing in it did not happen.
 */
record LogReplay(Map<String, String> lines, Map<String, Integer> purchased) {
    static final String WAITING = "WAITING";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Replays {@code event_log} of the database. */
    static LogReplay of(DataSource db) {
        Map<String, String> lines = new TreeMap<>();
        Map<String, Integer> purchased = new TreeMap<>();
        long expected = 1;
        for (List<Object> row : Tables.rows(db, "SELECT seq, type, payload FROM event_log ORDER BY seq")) {
            long seq = ((Number) row.get(0)).longValue();
            if (seq != expected++) {
                throw new AssertionError("the log has a gap before entry " + seq);
            }
            JsonNode data = read((String) row.get(2));
            switch ((String) row.get(1)) {
                case "batch.created" -> purchased.put(data.get("batch").asText(), data.get("quantity").asInt());
                case "batch.quantity_changed" -> purchased.put(data.get("batch").asText(), data.get("to").asInt());
                case "line.allocated" -> lines.put(key(data), data.get("batch").asText());
                case "line.deallocated", "line.waiting" -> lines.put(key(data), WAITING);
                case "line.cancelled" -> lines.remove(key(data));
                default -> throw new AssertionError("unknown entry type " + row.get(1) + " at " + seq);
            }
        }
        return new LogReplay(lines, purchased);
    }

    /** The same state, read from the write-model tables. */
    static LogReplay writeModel(DataSource db) {
        Map<String, String> lines = new TreeMap<>();
        Map<String, Integer> purchased = new TreeMap<>();
        Tables.rows(db, "SELECT order_id, sku, batch_reference FROM allocations")
                .forEach(r -> lines.put(r.get(0) + "|" + r.get(1), (String) r.get(2)));
        Tables.rows(db, "SELECT order_id, sku FROM waiting_lines").forEach(r -> lines.put(r.get(0) + "|" + r.get(1), WAITING));
        Tables.rows(db, "SELECT reference, purchased_quantity FROM batches")
                .forEach(r -> purchased.put((String) r.get(0), ((Number) r.get(1)).intValue()));
        return new LogReplay(lines, purchased);
    }

    private static String key(JsonNode data) {
        return data.get("order").asText() + "|" + data.get("sku").asText();
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new AssertionError("an entry's payload is not JSON: " + payload, e);
        }
    }
}

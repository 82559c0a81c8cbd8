package com.allocationdesk.allocation.queries;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way an entry of the ledger becomes JSON: the object docs/EVENTS.md "An entry" lists
 * ({@code seq, type, version, at, desk, sku, order, batch, data}), {@code data} being the entry's
 * payload as a JSON value. {@code events --json}, {@code history --json} and the outbox relay all
 * use it, so what a script reads from the command line and what a consumer reads from the outbox
 * folder are the same objects.
 */
public final class LogEntryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LogEntryJson() {
    }

    /** The entry as a JSON object (keys in the documented order), ready for Jackson. */
    public static Map<String, Object> object(LogEntryRow entry) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("seq", entry.seq());
        object.put("type", entry.type());
        object.put("version", entry.version());
        object.put("at", entry.at().toString());
        object.put("desk", entry.desk());
        object.put("sku", entry.sku());
        object.put("order", entry.orderId());
        object.put("batch", entry.batchReference());
        object.put("data", parsed(entry.payload()));
        return object;
    }

    /** The entry as one line of JSON text, without a line break. */
    public static String line(LogEntryRow entry) {
        try {
            return MAPPER.writeValueAsString(object(entry));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write entry " + entry.seq() + " as JSON", e);
        }
    }

    /** The {@code quantity} of the payload's data; 0 when it has none or is not JSON. */
    static int quantity(String payload) {
        return parsed(payload) instanceof JsonNode data ? data.path("quantity").asInt(0) : 0;
    }

    /** The payload as a JSON tree; the text itself when it is not JSON (written by hand, say). */
    private static Object parsed(String payload) {
        try {
            return MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            return payload;
        }
    }
}

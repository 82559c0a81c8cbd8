package com.allocationdesk.allocation.adapters.eventlog;

import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Cause;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.domain.events.LineCancelled;
import com.allocationdesk.allocation.domain.events.LineMove;
import com.allocationdesk.allocation.domain.events.LineQuantityChanged;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.domain.events.Placement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The published shape of each domain event (docs/EVENTS.md): its type name, version, the SKU /
 * order / batch it concerns, and its {@code data} as JSON. Written field by field, never by
 * reflection over the records, so renaming a Java field cannot change the contract;
 * {@code EventContractTest} holds this class and docs/EVENTS.md to each other.
 */
public final class EventJson {
    /** The version of every type's {@code data} today. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {
    }

    /** One entry of the log, before it is numbered. */
    public record Entry(String type, int version, String sku, String orderId, String batchReference, String data) {
    }

    public static Entry of(Event event) {
        ObjectNode data = MAPPER.createObjectNode();
        if (event instanceof BatchCreated e) {
            data.put("batch", e.reference()).put("sku", e.sku()).put("quantity", e.quantity());
            date(data, "eta", e.eta());
            return entry("batch.created", e.sku(), null, e.reference(), data);
        }
        if (event instanceof BatchQuantityChanged e) {
            data.put("batch", e.reference()).put("sku", e.sku()).put("from", e.previousQuantity()).put("to", e.quantity());
            ArrayNode moved = data.putArray("moved");
            for (LineMove move : e.moved()) {
                ObjectNode m = moved.addObject().put("order", move.orderId()).put("quantity", move.quantity());
                m.put("toBatch", move.toBatch());
                m.put("waitingPosition", move.waitingPosition());
            }
            return entry("batch.quantity_changed", e.sku(), null, e.reference(), data);
        }
        if (event instanceof Allocated e) {
            line(data, e.orderId(), e.sku(), e.quantity()).put("batch", e.batchReference());
            date(data, "eta", e.batchEta());
            Placement placement = e.placement();
            data.put("rule", placement.rule() == Placement.Rule.WAREHOUSE_FIRST ? "warehouse-first" : "earliest-eta");
            ArrayNode passed = data.putArray("passedOver");
            for (Placement.PassedOver batch : placement.passedOver()) {
                ObjectNode p = passed.addObject().put("batch", batch.batchReference());
                date(p, "eta", batch.eta());
                p.put("available", batch.available());
            }
            data.put("passedOverMore", placement.passedOverMore());
            ArrayNode tied = data.putArray("tiedWith");
            placement.tiedWith().forEach(tied::add);
            cause(data, e.cause());
            data.put("movedFrom", e.movedFrom());
            instant(data, "waitedSince", e.waitedSince());
            return entry("line.allocated", e.sku(), e.orderId(), e.batchReference(), data);
        }
        if (event instanceof Deallocated e) {
            line(data, e.orderId(), e.sku(), e.quantity()).put("batch", e.batchReference());
            instant(data, "waitingSince", e.waitingSince());
            cause(data, e.cause());
            return entry("line.deallocated", e.sku(), e.orderId(), e.batchReference(), data);
        }
        if (event instanceof OutOfStock e) {
            line(data, e.orderId(), e.sku(), e.quantity());
            instant(data, "since", e.since());
            data.put("position", e.position()).put("largestAvailable", e.largestAvailable());
            cause(data, e.cause());
            return entry("line.waiting", e.sku(), e.orderId(), null, data);
        }
        if (event instanceof LineCancelled e) {
            line(data, e.orderId(), e.sku(), e.quantity()).put("batch", e.batchReference());
            return entry("line.cancelled", e.sku(), e.orderId(), e.batchReference(), data);
        }
        if (event instanceof LineQuantityChanged e) {
            line(data, e.orderId(), e.sku(), e.quantity()).put("previousQuantity", e.previousQuantity());
            data.put("fromBatch", e.fromBatch()).put("toBatch", e.toBatch()).put("waitingPosition", e.waitingPosition());
            return entry("line.quantity_changed", e.sku(), e.orderId(), e.fromBatch(), data);
        }
        throw new IllegalArgumentException("No published shape for " + event.getClass().getSimpleName()
                + "; add it here and to docs/EVENTS.md");
    }

    private static ObjectNode line(ObjectNode data, String orderId, String sku, int quantity) {
        return data.put("order", orderId).put("sku", sku).put("quantity", quantity);
    }

    private static void cause(ObjectNode data, Cause cause) {
        ObjectNode c = data.putObject("cause");
        c.put("kind", cause.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        c.put("batch", cause.batchReference());
        c.put("order", cause.orderId());
        c.put("from", cause.from());
        c.put("to", cause.to());
    }

    private static void date(ObjectNode node, String field, LocalDate date) {
        node.put(field, date == null ? null : date.toString());
    }

    private static void instant(ObjectNode node, String field, Instant instant) {
        node.put(field, instant == null ? null : instant.toString());
    }

    private static Entry entry(String type, String sku, String orderId, String batchReference, ObjectNode data) {
        try {
            return new Entry(type, VERSION, sku, orderId, batchReference, MAPPER.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the JSON of a " + type + " event", e);
        }
    }
}

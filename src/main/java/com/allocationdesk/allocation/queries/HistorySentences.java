package com.allocationdesk.allocation.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tells an entry of the ledger as one sentence a planner reads, from the JSON of docs/EVENTS.md
 * (never from the domain's events: the log is a contract, and old entries outlive the code that
 * wrote them). Times are shown to the minute in the desk's time zone. Fields this class does not
 * know are ignored; a type it does not know, a version newer than 1, or a payload it cannot read
 * gives a neutral sentence naming the type, never an exception.
 * <p>
 * {@code line.deallocated} is always followed, in the same commit, by the line's
 * {@code line.allocated} (with {@code movedFrom}) or {@code line.waiting}. {@link #tell} leaves out
 * the deallocation when the next entry about that line is the move, which tells it already
 * ("moved from A to B"); a line that waits keeps both sentences (it left A, it waits).
 */
public final class HistorySentences {
    private static final Logger log = LoggerFactory.getLogger(HistorySentences.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int KNOWN_VERSION = 1;

    private final DateTimeFormatter minutes;

    /** Times in the desk's own time zone. */
    public HistorySentences() {
        this(ZoneId.systemDefault());
    }

    public HistorySentences(ZoneId zone) {
        this.minutes = MINUTES.withZone(Objects.requireNonNull(zone, "zone"));
    }

    /** One sentence per entry, oldest first, without the deallocations a following move tells (see above). */
    public List<String> tell(List<LogEntryRow> entries) {
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!toldByTheMove(entries, i)) {
                sentences.add(sentence(entries.get(i)));
            }
        }
        return sentences;
    }

    /** The entry as one sentence, starting with its time. */
    public String sentence(LogEntryRow entry) {
        String at = entry.at() == null ? "(no time)" : minutes.format(entry.at());
        try {
            JsonNode data = MAPPER.readTree(entry.payload());
            if (entry.version() == KNOWN_VERSION && data != null && data.isObject()) {
                String told = switch (entry.type()) {
                    case "batch.created" -> batchCreated(data);
                    case "batch.quantity_changed" -> quantityChanged(data);
                    case "line.allocated" -> allocated(data);
                    case "line.deallocated" -> deallocated(data);
                    case "line.waiting" -> waiting(data);
                    case "line.cancelled" -> cancelled(data);
                    case "line.quantity_changed" -> lineQuantityChanged(data);
                    default -> null;
                };
                if (told != null) {
                    return at + " " + told;
                }
            }
        } catch (Exception e) { // a payload this version cannot read: told neutrally, never a failure
            log.warn("Could not read entry {} of the event log ({} version {})", entry.seq(), entry.type(), entry.version(), e);
        }
        return at + " " + neutral(entry);
    }

    private static String neutral(LogEntryRow entry) {
        List<String> about = new ArrayList<>();
        for (String id : new String[] {entry.orderId(), entry.batchReference(), entry.sku()}) {
            if (id != null && !id.isEmpty()) {
                about.add(id);
            }
        }
        return "entry " + entry.seq() + " of type " + entry.type() + " (version " + entry.version() + ")"
                + (about.isEmpty() ? "" : " about " + String.join(", ", about))
                + ", which this version of the desk does not tell in words";
    }

    // --- the types

    private static String batchCreated(JsonNode d) {
        String eta = text(d, "eta");
        return require(d, "batch") + " " + whole(d, "quantity") + " × " + require(d, "sku")
                + (eta == null ? " arrived in the warehouse" : " announced for " + eta);
    }

    private static String quantityChanged(JsonNode d) {
        String batch = require(d, "batch");
        int from = whole(d, "from");
        int to = whole(d, "to");
        if (to == from) {
            return batch + " set to " + to + " (unchanged)";
        }
        String change = batch + (to > from ? " raised" : " reduced") + " from " + from + " to " + to;
        JsonNode moved = d.path("moved");
        if (to > from) {
            return change;
        }
        if (!moved.isArray() || moved.isEmpty()) {
            return change + ": no line had to leave";
        }
        Map<String, Integer> toBatch = new LinkedHashMap<>();
        int waits = 0;
        for (JsonNode line : moved) {
            String target = text(line, "toBatch");
            if (target == null) {
                waits++;
            } else {
                toBatch.merge(target, 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        toBatch.forEach((target, n) -> parts.add(n + (n == 1 ? " line" : " lines") + " moved to " + target));
        if (waits > 0) {
            parts.add(waits + (parts.isEmpty() ? (waits == 1 ? " line waits" : " lines wait") : (waits == 1 ? " waits" : " wait")));
        }
        return change + ": " + String.join(", ", parts);
    }

    private String allocated(JsonNode d) {
        String batch = require(d, "batch");
        String where = where(text(d, "eta"));
        JsonNode cause = d.path("cause");
        String kind = text(cause, "kind");
        String movedFrom = text(d, "movedFrom");
        String waitedSince = text(d, "waitedSince");
        if (movedFrom != null) {
            return line(d) + " moved from " + movedFrom + " to " + batch + " (" + where + ")" + because(cause, d);
        }
        if (waitedSince != null) {
            return line(d) + " placed in " + batch + " (" + where + ") after waiting since "
                    + minutes.format(Instant.parse(waitedSince)) + because(cause, d);
        }
        List<String> reasons = new ArrayList<>();
        if (kind != null && !kind.equals("planner")) {
            reasons.add(causeClause(cause, d));
        }
        for (JsonNode passed : d.path("passedOver")) {
            reasons.add(require(passed, "batch") + " had " + whole(passed, "available") + " of the "
                    + whole(d, "quantity") + " needed");
        }
        int more = d.path("passedOverMore").asInt(0);
        if (more > 0) {
            reasons.add(more + " more " + (more == 1 ? "batch" : "batches") + " had too little");
        }
        List<String> ties = new ArrayList<>();
        d.path("tiedWith").forEach(t -> ties.add(t.asText()));
        if (!ties.isEmpty()) {
            reasons.add("ties by reference with " + String.join(", ", ties));
        }
        return line(d) + " allocated to " + batch + " (" + where + ")"
                + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
    }

    private String deallocated(JsonNode d) {
        return line(d) + " left " + require(d, "batch") + because(d.path("cause"), d);
    }

    private static String waiting(JsonNode d) {
        JsonNode cause = d.path("cause");
        String kind = text(cause, "kind");
        String after = kind == null || kind.equals("planner") ? "" : " again after " + causeClause(cause, d);
        int largest = whole(d, "largestAvailable");
        return line(d) + " waits for stock" + after + ", position " + whole(d, "position") + " in the "
                + require(d, "sku") + " queue; " + (largest == 0 ? "no batch has any free"
                        : "at most " + largest + " free in one batch");
    }

    private static String cancelled(JsonNode d) {
        String batch = text(d, "batch");
        return line(d) + " cancelled" + (batch == null ? " while it waited for stock" : ", freeing its place in " + batch);
    }

    private static String lineQuantityChanged(JsonNode d) {
        String told = require(d, "order") + " " + whole(d, "previousQuantity") + " × " + require(d, "sku")
                + " changed to " + whole(d, "quantity");
        String from = text(d, "fromBatch");
        String to = text(d, "toBatch");
        String queue = to == null ? ", position " + whole(d, "waitingPosition") + " in the " + require(d, "sku") + " queue" : "";
        if (from == null) {
            return told + (to == null ? ", still waiting" + queue : " while it waited, and placed in " + to);
        }
        if (to == null) {
            return told + ", leaving " + from + " to wait" + queue;
        }
        return told + (to.equals(from) ? ", staying in " + from : ", moving from " + from + " to " + to);
    }

    // --- the pieces

    /** "ORD-1001 8 × CHAIR". */
    private static String line(JsonNode d) {
        return require(d, "order") + " " + whole(d, "quantity") + " × " + require(d, "sku");
    }

    private static String where(String eta) {
        return eta == null ? "warehouse stock" : "ETA " + eta;
    }

    /** ": " and the cause, or nothing when the planner did it. */
    private static String because(JsonNode cause, JsonNode d) {
        String kind = text(cause, "kind");
        return kind == null || kind.equals("planner") ? "" : ": " + causeClause(cause, d);
    }

    /** What set the change off, e.g. "WH-CHAIR-01 was reduced from 20 to 3". */
    private static String causeClause(JsonNode cause, JsonNode d) {
        String kind = text(cause, "kind");
        String batch = text(cause, "batch");
        return switch (kind == null ? "" : kind) {
            case "planner" -> "the planner allocated it";
            case "batch-added" -> "batch " + batch + (batch != null && batch.equals(text(d, "batch"))
                    ? (text(d, "eta") == null ? " arrived" : " was announced") : " was added");
            case "quantity-raised" -> batch + " was raised from " + whole(cause, "from") + " to " + whole(cause, "to");
            case "quantity-reduced" -> batch + " was reduced from " + whole(cause, "from") + " to " + whole(cause, "to");
            case "line-cancelled" -> text(cause, "order") + "'s line was cancelled";
            case "line-quantity-changed" -> text(cause, "order") + "'s line was changed from " + whole(cause, "from")
                    + " to " + whole(cause, "to");
            case "repair" -> "the start-up repair found stock free for it";
            default -> "cause " + kind;
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static String require(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException("no " + field);
        }
        return value;
    }

    private static int whole(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.canConvertToInt()) {
            throw new IllegalArgumentException("no whole number " + field);
        }
        return value.intValue();
    }

    /** A deallocation whose line's next entry in the list is its move out of that batch. */
    private static boolean toldByTheMove(List<LogEntryRow> entries, int index) {
        LogEntryRow entry = entries.get(index);
        if (!"line.deallocated".equals(entry.type()) || entry.version() != KNOWN_VERSION) {
            return false;
        }
        for (int i = index + 1; i < entries.size(); i++) {
            LogEntryRow next = entries.get(i);
            if (Objects.equals(next.orderId(), entry.orderId()) && Objects.equals(next.sku(), entry.sku())) {
                return "line.allocated".equals(next.type()) && next.version() == KNOWN_VERSION
                        && Objects.equals(movedFrom(next), entry.batchReference());
            }
        }
        return false;
    }

    private static String movedFrom(LogEntryRow entry) {
        try {
            JsonNode data = MAPPER.readTree(entry.payload());
            return data == null ? null : text(data, "movedFrom");
        } catch (Exception e) {
            return null;
        }
    }
}

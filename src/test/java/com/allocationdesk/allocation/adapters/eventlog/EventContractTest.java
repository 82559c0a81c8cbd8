package com.allocationdesk.allocation.adapters.eventlog;

import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Cause;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.domain.events.LineCancelled;
import com.allocationdesk.allocation.domain.events.LineQuantityChanged;
import com.allocationdesk.allocation.domain.events.LineMove;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.domain.events.Placement;

import com.allocationdesk.allocation.entrypoints.ui.support.EventTopics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/EVENTS.md is the contract other systems read; {@link EventJson} is what the desk writes. Every
 * type, version and field (nested ones too) must be the same in both: a field added to the code and
 * not to the page, or the other way round, fails here.
 */
class EventContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-01T14:02:11Z");
    private static final LocalDate ETA = LocalDate.of(2026, 12, 15);
    private static final Cause CAUSE = new Cause(Cause.Kind.QUANTITY_REDUCED, "WH-1", "ORD-9", 20, 3);

    /** One event of each type, every field that may be null set, so each one shows in the JSON. */
    private static final List<Event> SAMPLES = List.of(
            new BatchCreated("WH-1", "CHAIR", 20, ETA),
            new BatchQuantityChanged("WH-1", "CHAIR", 20, 3,
                    List.of(new LineMove("ORD-1", 8, "SHIP-2", null), new LineMove("ORD-2", 4, null, 1))),
            new Allocated("ORD-1", "CHAIR", 8, "SHIP-2", ETA,
                    new Placement(Placement.Rule.EARLIEST_ETA, List.of(new Placement.PassedOver("WH-1", ETA, 3)), 0,
                            List.of("SHIP-3")),
                    CAUSE, "WH-1", AT),
            new Deallocated("ORD-1", "CHAIR", 8, "WH-1", AT, CAUSE),
            new OutOfStock("ORD-2", "CHAIR", 4, AT, 1, 3, CAUSE),
            new LineCancelled("ORD-3", "CHAIR", 2, "WH-1"),
            new LineQuantityChanged("ORD-4", "CHAIR", 5, 12, "WH-1", null, 2));

    private static final Pattern TYPE_HEADING = Pattern.compile("^### `([a-z_.]+)` \\(version (\\d+)\\)");
    private static final Pattern FIELD = Pattern.compile("`([A-Za-z]+)`");
    private static final Pattern NESTED = Pattern.compile("\\{([A-Za-z, ]+)}");

    @Test
    void everyEventTypeHasAPublishedShapeAndASample() {
        Set<Class<?>> sampled = new LinkedHashSet<>();
        SAMPLES.forEach(event -> sampled.add(event.getClass()));
        assertThat(sampled).containsExactlyInAnyOrder(Event.class.getPermittedSubclasses());
    }

    @Test
    void theWindowKnowsAnotherDesksEntriesByTheTypesTheLedgerWrites() {
        for (Event event : SAMPLES) {
            String type = EventJson.of(event).type();
            assertThat(EventTopics.typeOf(event.getClass())).as("the window's type for %s", event.getClass().getSimpleName())
                    .isEqualTo(type);
            assertThat(EventTopics.ofType(type)).as("views refreshed for %s", type).isEqualTo(EventTopics.of(event));
        }
    }

    @Test
    void theTypesVersionsAndFieldsOfTheCodeAreThoseOfDocsEvents() throws IOException {
        Map<String, Section> documented = sections();
        Map<String, Section> written = new LinkedHashMap<>();
        for (Event event : SAMPLES) {
            EventJson.Entry entry = EventJson.of(event);
            JsonNode data = JSON.readTree(entry.data());
            Section section = new Section(entry.version(), new TreeSet<>(), new LinkedHashMap<>());
            data.fieldNames().forEachRemaining(section.fields()::add);
            data.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
                    section.nested().put(field.getKey(), names(value.get(0)));
                }
                if (field.getKey().equals("cause")) {
                    written.put("cause", new Section(0, names(value), Map.of()));
                }
            });
            written.put(entry.type(), section);
        }
        assertThat(written.keySet()).as("types and the cause object").containsExactlyInAnyOrderElementsOf(documented.keySet());
        written.forEach((type, section) -> {
            Section doc = documented.get(type);
            assertThat(section.fields()).as("fields of %s", type).isEqualTo(doc.fields());
            assertThat(section.version()).as("version of %s", type).isEqualTo(doc.version());
            assertThat(section.nested()).as("fields of the objects inside %s", type).isEqualTo(doc.nested());
        });
    }

    @Test
    void causeKindsAreTheDocumentedOnes() throws IOException {
        String page = Files.readString(Path.of("docs/EVENTS.md"));
        for (Cause.Kind kind : Cause.Kind.values()) {
            Event event = new OutOfStock("o", "s", 1, AT, 1, 0, new Cause(kind, null, null, null, null));
            String written = JSON.readTree(EventJson.of(event).data()).get("cause").get("kind").asText();
            assertThat(page).as("docs/EVENTS.md names the cause kind %s", written).contains("`" + written + "`");
        }
    }

    private static TreeSet<String> names(JsonNode object) {
        TreeSet<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private record Section(int version, Set<String> fields, Map<String, Set<String>> nested) {
    }

    /** Each "### `type` (version N)" section's table, and the "### `cause`" one. */
    private static Map<String, Section> sections() throws IOException {
        Map<String, Section> sections = new LinkedHashMap<>();
        Section current = null;
        for (String line : Files.readAllLines(Path.of("docs/EVENTS.md"))) {
            Matcher heading = TYPE_HEADING.matcher(line);
            if (heading.find()) {
                current = new Section(Integer.parseInt(heading.group(2)), new TreeSet<>(), new LinkedHashMap<>());
                sections.put(heading.group(1), current);
            } else if (line.startsWith("### `cause`")) {
                current = new Section(0, new TreeSet<>(), new LinkedHashMap<>());
                sections.put("cause", current);
            } else if (line.startsWith("## ") || line.startsWith("### ")) {
                current = null;
            } else if (current != null && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                List<String> fields = FIELD.matcher(cells[1]).results().map(m -> m.group(1)).toList();
                current.fields().addAll(fields);
                Matcher nested = NESTED.matcher(cells[2]);
                if (nested.find() && fields.size() == 1) {
                    current.nested().put(fields.get(0),
                            new TreeSet<>(Arrays.stream(nested.group(1).split(",")).map(String::strip).toList()));
                }
            }
        }
        return sections;
    }
}

package com.allocationdesk.allocation.entrypoints.inbox;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.Command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/EVENTS.md "Consumed: the inbox folder" is what other systems write to; {@link CommandLines}
 * is what the desk reads. The types, versions and fields must be the same in both, every field the
 * page lists is required under that name, the page's examples read as it says, and the temporary
 * names it promises are never taken are those the inbox skips.
 */
class InboxCommandContractTest {
    private static final Path DOC = Path.of("docs/EVENTS.md");
    private static final Pattern COMMAND_HEADING = Pattern.compile("^### Command `([a-z_.]+)` \\(version (\\d+)\\)");
    private static final Pattern FIELD_ROW = Pattern.compile("^\\| `([A-Za-z]+)` \\| (.*) \\|$");
    /** What each documented type must become. */
    private static final Map<String, Class<?>> COMMAND_OF = Map.of(
            "line.allocate", Allocate.class, "line.cancel", CancelLine.class,
            "batch.change_quantity", ChangeBatchQuantity.class,
            "line.change_quantity", com.allocationdesk.allocation.domain.commands.ChangeLineQuantity.class);

    @TempDir
    Path folder;

    private record Documented(int version, Map<String, String> fields) {
    }

    @Test
    void theCommandTypesAndVersionsAreThoseOfDocsEvents() throws IOException {
        Map<String, Documented> documented = documented();

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(CommandLines.TYPES.keySet());
        assertThat(documented.values()).allSatisfy(d -> assertThat(d.version()).isEqualTo(CommandLines.VERSION));
        assertThat(COMMAND_OF.keySet()).containsExactlyInAnyOrderElementsOf(documented.keySet());
    }

    @Test
    void aLineWithTheDocumentedFieldsIsItsCommandAndEachFieldIsRequired() throws IOException {
        for (Map.Entry<String, Documented> type : documented().entrySet()) {
            Map<String, Object> fields = sample(type.getValue());
            List<CommandLines.Line> read = read(json(type.getKey(), fields));
            assertThat(read).as(type.getKey()).singleElement().satisfies(line -> {
                assertThat(line.problem()).isNull();
                assertThat(line.command()).isInstanceOf(COMMAND_OF.get(type.getKey()));
            });
            for (String field : fields.keySet()) {
                Map<String, Object> without = new LinkedHashMap<>(fields);
                without.remove(field);
                assertThat(read(json(type.getKey(), without))).as("%s without %s", type.getKey(), field)
                        .singleElement().extracting(CommandLines.Line::problem)
                        .isEqualTo("field '" + field + "' is missing");
            }
        }
    }

    @Test
    void theDocumentedFieldsReachTheCommandAndUnknownOnesAreIgnored() throws IOException {
        List<CommandLines.Line> read = read(
                "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"ORD-1\",\"sku\":\"CHAIR\",\"quantity\":8,\"id\":\"x-77\"}\n"
                        + "{\"type\":\"line.cancel\",\"version\":1,\"order\":\"ORD-2\",\"sku\":\"CHAIR\",\"note\":{\"a\":1}}\n"
                        + "{\"type\":\"batch.change_quantity\",\"version\":1,\"batch\":\"WH-1\",\"quantity\":0}\n");

        assertThat(read).extracting(CommandLines.Line::command).containsExactly(
                new Allocate("ORD-1", "CHAIR", 8), new CancelLine("ORD-2", "CHAIR"), new ChangeBatchQuantity("WH-1", 0));
    }

    @Test
    void thePagesExamplesReadAsThePageSays() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String section = doc.substring(doc.indexOf("## Consumed: the inbox folder"));
        List<String> blocks = codeBlocks(section);
        assertThat(blocks).hasSize(2);

        assertThat(read(blocks.get(0))).hasSize(3).allSatisfy(line -> assertThat(line.problem()).isNull());

        String errorsFile = blocks.get(1);
        Matcher refused = Pattern.compile("line (\\d+): (.*)").matcher(errorsFile);
        assertThat(refused.find()).isTrue();
        List<String> example = blocks.get(0).lines().collect(Collectors.toCollection(ArrayList::new));
        int lineNumber = Integer.parseInt(refused.group(1));
        example.set(lineNumber - 1, example.get(lineNumber - 1).replace("\"quantity\":2", "\"quantity\":\"2\""));
        assertThat(read(String.join("\n", example) + "\n")).filteredOn(CommandLines.Line::bad)
                .singleElement().satisfies(line -> {
                    assertThat(line.number()).isEqualTo(lineNumber);
                    assertThat(line.problem()).isEqualTo(refused.group(2));
                });
    }

    @Test
    void theTemporaryNamesThePagePromisesAreThoseTheInboxSkips() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String bullet = doc.substring(doc.indexOf("- **Only complete files.**"));
        bullet = bullet.substring(0, bullet.indexOf("\n- **", 5));
        Set<String> documented = new TreeSet<>();
        Matcher names = Pattern.compile("`([^`]+)`").matcher(bullet);
        while (names.find()) {
            if (!names.group(1).startsWith("--")) {
                documented.add(names.group(1));
            }
        }

        assertThat(documented).containsExactlyInAnyOrderElementsOf(Inbox.TEMPORARY_SUFFIXES);
        assertThat(Inbox.TEMPORARY_SUFFIXES).allSatisfy(suffix -> assertThat(Inbox.isTemporary("orders" + suffix)).isTrue());
        assertThat(Inbox.isTemporary(".orders.csv")).isTrue();
        assertThat(Inbox.isTemporary("orders.csv")).isFalse();
    }

    private static Map<String, Documented> documented() throws IOException {
        Map<String, Documented> types = new LinkedHashMap<>();
        Documented current = null;
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            Matcher heading = COMMAND_HEADING.matcher(line);
            if (heading.find()) {
                current = new Documented(Integer.parseInt(heading.group(2)), new LinkedHashMap<>());
                types.put(heading.group(1), current);
            } else if (line.startsWith("#")) {
                current = null;
            } else if (current != null) {
                Matcher field = FIELD_ROW.matcher(line);
                if (field.find()) {
                    current.fields().put(field.group(1), field.group(2));
                }
            }
        }
        return types;
    }

    /** A value of the documented JSON type for each field. */
    private static Map<String, Object> sample(Documented type) {
        Map<String, Object> values = new LinkedHashMap<>();
        type.fields().forEach((name, meaning) -> {
            if (meaning.contains("(string)") || meaning.contains("(string);")) {
                values.put(name, "X-" + name);
            } else if (meaning.contains("(whole number")) {
                values.put(name, 5);
            } else {
                throw new AssertionError("docs/EVENTS.md does not say the JSON type of " + name + ": " + meaning);
            }
        });
        return values;
    }

    private static String json(String type, Map<String, Object> fields) {
        StringBuilder json = new StringBuilder("{\"type\":\"").append(type).append("\",\"version\":1");
        fields.forEach((name, value) -> json.append(",\"").append(name).append("\":")
                .append(value instanceof String ? "\"" + value + "\"" : value));
        return json.append("}\n").toString();
    }

    private List<CommandLines.Line> read(String text) throws IOException {
        Path file = Files.createTempFile(folder, "commands", ".jsonl");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<CommandLines.Line> lines = new ArrayList<>();
        CommandLines.read(file, line -> lines.add(line));
        return lines;
    }

    private static List<String> codeBlocks(String text) {
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }
}

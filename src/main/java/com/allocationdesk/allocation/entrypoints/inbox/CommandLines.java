package com.allocationdesk.allocation.entrypoints.inbox;

import com.allocationdesk.allocation.domain.DomainException;
import com.allocationdesk.allocation.domain.InvalidSku;
import com.allocationdesk.allocation.domain.UnknownBatch;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.ChangeLineQuantity;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.entrypoints.imports.ImportProblem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The JSON Lines format of commands other systems drop in the inbox (docs/EVENTS.md "Consumed: the
 * inbox folder"): one JSON object per line, {@code {"type":"line.allocate","version":1,...}}, UTF-8.
 * Read front to back, a line at a time, each line at most {@value #MAX_LINE_BYTES} bytes, so a file
 * of any size takes bounded memory. Blank lines are skipped; fields this desk does not know are
 * ignored (as the published events promise their readers).
 */
final class CommandLines {
    /** A longer line is refused (and skipped to its end, never held in memory). */
    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The command types the inbox takes, each with how a line becomes its command. Version 1 of each. */
    static final Map<String, Function<JsonNode, Command<?>>> TYPES = Map.of(
            "line.allocate", node -> new Allocate(text(node, "order"), text(node, "sku"), whole(node, "quantity")),
            "line.cancel", node -> new CancelLine(text(node, "order"), text(node, "sku")),
            "batch.change_quantity", node -> new ChangeBatchQuantity(text(node, "batch"), whole(node, "quantity")),
            "line.change_quantity", node -> new ChangeLineQuantity(text(node, "order"), text(node, "sku"),
                    whole(node, "quantity")));
    static final int VERSION = 1;

    /** One line of the file, read: its number and its command, or what is wrong with it. */
    record Line(long number, Command<?> command, String problem) {
        boolean bad() {
            return problem != null;
        }
    }

    @FunctionalInterface
    interface LineVisitor {
        /** @return false to stop reading */
        boolean visit(Line line);
    }

    private CommandLines() {
    }

    /**
     * Reads every non-blank line of {@code file}, in order; each is a command or a problem with
     * the planner's message (the command line's own for a command a rule refuses).
     */
    static void read(Path file, LineVisitor visitor) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            long number = 0;
            boolean tooLong = false;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        tooLong = append(line, buffer, start, i - start, tooLong);
                        if (!visit(visitor, ++number, line, tooLong)) {
                            return;
                        }
                        line.reset();
                        tooLong = false;
                        start = i + 1;
                    }
                }
                tooLong = append(line, buffer, start, n - start, tooLong);
            }
            if (line.size() > 0 || tooLong) {
                visit(visitor, ++number, line, tooLong);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds bytes to the line unless it is already too long; returns whether it is now. */
    private static boolean append(ByteArrayOutputStream line, byte[] buffer, int from, int length, boolean tooLong) {
        if (tooLong || line.size() + length > MAX_LINE_BYTES) {
            line.reset();
            return true;
        }
        line.write(buffer, from, length);
        return false;
    }

    private static boolean visit(LineVisitor visitor, long number, ByteArrayOutputStream line, boolean tooLong) {
        Line read = tooLong ? new Line(number, null, "the line is longer than " + MAX_LINE_BYTES + " bytes")
                : parse(number, line.toByteArray());
        return read == null || visitor.visit(read);
    }

    /** Null for a blank line. */
    private static Line parse(long number, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Line(number, null, "the line is not UTF-8 text; save the file as UTF-8");
        }
        if (number == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isBlank()) {
            return null;
        }
        try {
            return new Line(number, command(text), null);
        } catch (Refused | DomainException e) {
            return new Line(number, null, e.getMessage());
        }
    }

    private static Command<?> command(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Refused("not valid JSON (" + firstSentence(e.getOriginalMessage()) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new Refused("each line must be one JSON object {\"type\": …, \"version\": 1, …}");
        }
        String type = text(node, "type");
        Function<JsonNode, Command<?>> build = TYPES.get(type);
        if (build == null) {
            throw new Refused("unknown command type '" + type + "'; the inbox takes " + String.join(", ", typeNames()));
        }
        int version = whole(node, "version");
        if (version != VERSION) {
            throw new Refused("version " + version + " of " + type + " is not known; this desk takes version " + VERSION);
        }
        return build.apply(node);
    }

    /** The command types, sorted, as the planner reads them. */
    static List<String> typeNames() {
        return TYPES.keySet().stream().sorted().toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = present(node, field);
        if (!value.isTextual()) {
            throw new Refused("field '" + field + "' must be a string, was " + value);
        }
        return value.textValue();
    }

    private static int whole(JsonNode node, String field) {
        JsonNode value = present(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new Refused("field '" + field + "' must be a whole number, was " + value);
        }
        return value.intValue();
    }

    private static JsonNode present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new Refused("field '" + field + "' is missing");
        }
        return value;
    }

    private static String firstSentence(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    /**
     * Checks a well-formed command against what the database holds and what cannot change while
     * the file is taken: its SKU has stock, its batch exists. Rules that depend on the file's own
     * earlier lines (cancelling a line the file allocated) are the domain's, when the chunk runs.
     */
    static String checkStored(Command<?> command, Predicate<String> knownSku, Predicate<String> knownBatch) {
        try {
            if (command instanceof Allocate allocate && !knownSku.test(allocate.sku())) {
                throw new InvalidSku(allocate.sku());
            }
            if (command instanceof CancelLine cancel && !knownSku.test(cancel.sku())) {
                throw new InvalidSku(cancel.sku());
            }
            if (command instanceof ChangeLineQuantity change && !knownSku.test(change.sku())) {
                throw new InvalidSku(change.sku());
            }
            if (command instanceof ChangeBatchQuantity change && !knownBatch.test(change.reference())) {
                throw new UnknownBatch(change.reference());
            }
            return null;
        } catch (DomainException e) {
            return e.getMessage();
        }
    }

    /** A line the format refuses. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** The problems of a file, the first {@code listed} kept, all counted. */
    static final class Problems {
        private final int listed;
        private final List<ImportProblem> first = new ArrayList<>();
        private long count;

        Problems(int listed) {
            this.listed = listed;
        }

        void add(long line, String message) {
            count++;
            if (first.size() < listed) {
                first.add(new ImportProblem(line, message));
            }
        }

        long count() {
            return count;
        }

        List<ImportProblem> listed() {
            return List.copyOf(first);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d problems", count);
        }
    }
}

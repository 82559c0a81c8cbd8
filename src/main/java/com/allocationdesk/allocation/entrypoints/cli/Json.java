package com.allocationdesk.allocation.entrypoints.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code --json} output: a JSON array of objects with the keys the contract names, one line ({@link Listing}). */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static void print(PrintWriter out, List<Map<String, Object>> objects) {
        try {
            out.println(MAPPER.writeValueAsString(objects));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write JSON", e);
        }
    }
}

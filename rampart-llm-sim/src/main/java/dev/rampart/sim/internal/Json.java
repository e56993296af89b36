package dev.rampart.sim.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The simulator's single, thread-safe JSON mapper, and null-tolerant reads of request fields. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    static String string(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** The field's string value, or null when it is absent or not a string. */
    static @Nullable String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node != null && node.isString() ? node.stringValue() : null;
    }
}

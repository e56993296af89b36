package dev.rampart.sim.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes up plausible tool arguments from a JSON schema: required properties (all properties when the schema
 * lists none as required) get a value of their type, preferring the schema's const, default, enum or
 * minimum. Local {@code $ref}s are followed; recursion is cut off at a fixed depth.
 */
final class SchemaSampler {

    private static final int MAX_DEPTH = 8;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * Sample strings for common property names, so a weather tool gets a city rather than "example" and a calculator
     * an expression it can evaluate.
     */
    private static final Map<String, String> STRINGS_BY_NAME = Map.ofEntries(
            Map.entry("city", "Paris"), Map.entry("location", "Paris"), Map.entry("country", "France"),
            Map.entry("name", "Alice"), Map.entry("email", "alice@example.com"), Map.entry("url", "https://example.com"),
            Map.entry("query", "example query"), Map.entry("language", "en"), Map.entry("unit", "celsius"),
            Map.entry("id", "id-1"), Map.entry("expression", "2 + 3"), Map.entry("timezone", "UTC"),
            Map.entry("text", "example text"));

    private final JsonNode root;

    private SchemaSampler(JsonNode root) {
        this.root = root;
    }

    static JsonNode sample(JsonNode schema) {
        JsonNode value = new SchemaSampler(schema).value(schema, "", 0);
        return value.isObject() ? value : NODES.objectNode();
    }

    private JsonNode value(JsonNode schema, String propertyName, int depth) {
        JsonNode resolved = resolve(schema, depth);
        if (depth > MAX_DEPTH) {
            return NODES.nullNode();
        }
        for (String given : new String[] {"const", "default"}) {
            if (resolved.has(given)) {
                return resolved.get(given);
            }
        }
        if (resolved.path("enum").isArray() && !resolved.path("enum").isEmpty()) {
            return resolved.path("enum").get(0);
        }
        for (String choice : new String[] {"anyOf", "oneOf", "allOf"}) {
            if (resolved.path(choice).isArray() && !resolved.path(choice).isEmpty()) {
                return value(firstNonNull(resolved.path(choice)), propertyName, depth + 1);
            }
        }
        return switch (type(resolved)) {
            case "object" -> object(resolved, depth);
            case "array" -> array(resolved, propertyName, depth);
            case "integer" -> NODES.numberNode(resolved.path("minimum").asLong(1));
            case "number" -> NODES.numberNode(resolved.path("minimum").asDouble(1.5));
            case "boolean" -> NODES.booleanNode(true);
            case "null" -> NODES.nullNode();
            default -> NODES.stringNode(string(resolved, propertyName));
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode result = NODES.objectNode();
        JsonNode properties = schema.path("properties");
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            if (required.isEmpty() || required.contains(property.getKey())) {
                result.set(property.getKey(), value(property.getValue(), property.getKey(), depth + 1));
            }
        }
        return result;
    }

    private ArrayNode array(JsonNode schema, String propertyName, int depth) {
        ArrayNode result = NODES.arrayNode();
        JsonNode items = schema.path("items");
        if (items.isObject()) {
            result.add(value(items, propertyName, depth + 1));
        }
        return result;
    }

    private static String string(JsonNode schema, String propertyName) {
        String format = schema.path("format").asString("");
        switch (format) {
            case "date": return "2024-01-15";
            case "date-time": return "2024-01-15T10:00:00Z";
            case "email": return "alice@example.com";
            case "uri", "url": return "https://example.com";
            case "uuid": return "00000000-0000-4000-8000-000000000001";
            default: break;
        }
        String lower = propertyName.toLowerCase(Locale.ROOT);
        return STRINGS_BY_NAME.getOrDefault(lower, propertyName.isEmpty() ? "example" : "example " + propertyName);
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isString()) {
            // Gemini's OpenAPI-style schemas spell types in capitals (OBJECT, STRING).
            return type.asString().toLowerCase(Locale.ROOT);
        }
        if (type != null && type.isArray()) {
            for (JsonNode option : type) {
                if (!"null".equals(option.asString())) {
                    return option.asString();
                }
            }
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static JsonNode firstNonNull(JsonNode options) {
        for (JsonNode option : options) {
            if (!"null".equals(option.path("type").asString(""))) {
                return option;
            }
        }
        return options.get(0);
    }

    /** Follows {@code #/...} references within the tool's own schema. */
    private JsonNode resolve(JsonNode schema, int depth) {
        JsonNode current = schema;
        for (int hops = 0; hops < MAX_DEPTH && current.has("$ref"); hops++) {
            String ref = current.path("$ref").asString("");
            if (!ref.startsWith("#")) {
                break;
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                break;
            }
            current = target;
        }
        return current;
    }
}

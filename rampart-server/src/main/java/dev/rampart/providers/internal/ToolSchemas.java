package dev.rampart.providers.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns a tool's JSON Schema (Jackson) into LangChain4j's schema elements, which every adapter knows how to write in
 * its dialect. LangChain4j's own converter lives in its {@code internal} package and is not meant for callers, so
 * this is a small one of its own covering what tool schemas use: {@code object} (properties, required,
 * additionalProperties), {@code string}, {@code number}, {@code integer}, {@code boolean}, {@code array} (items),
 * {@code null}, string {@code enum} and {@code const}, {@code anyOf}/{@code oneOf}, a type list such as
 * {@code ["string","null"]}, and {@code description} at every level.
 *
 * <p>What it does not carry: {@code $ref} (not followed), formats, patterns, bounds and other validation keywords
 * (the caller validates arguments itself). A schema it cannot type (no type, {@code true}, a {@code $ref}) becomes a
 * string, keeping its description; a non-string enum keeps its type and drops the values; nesting deeper than
 * {@link #MAX_DEPTH} becomes a string too.
 */
final class ToolSchemas {

	static final int MAX_DEPTH = 32;

	private ToolSchemas() {
	}

	/**
	 * The parameters of a tool: an object schema.
	 *
	 * @throws IllegalArgumentException when {@code schema} is not an object schema
	 */
	static JsonObjectSchema parameters(JsonNode schema) {
		if (!schema.isObject() || !"object".equals(text(schema, "type"))) {
			throw new IllegalArgumentException("a tool's parameters must be an object schema ({\"type\": \"object\", ...})");
		}
		return object(schema, 0);
	}

	static JsonSchemaElement element(JsonNode schema, int depth) {
		if (!schema.isObject() || depth > MAX_DEPTH) {
			return JsonStringSchema.builder().build();
		}
		@Nullable String description = text(schema, "description");
		JsonNode enumValues = schema.path("enum");
		if (enumValues.isArray() && !enumValues.isEmpty() && allText(enumValues)) {
			return JsonEnumSchema.builder().enumValues(texts(enumValues)).description(description).build();
		}
		if (schema.path("const").isString()) {
			return JsonEnumSchema.builder().enumValues(List.of(schema.path("const").asString())).description(description)
				.build();
		}
		JsonNode alternatives = schema.has("anyOf") ? schema.path("anyOf") : schema.path("oneOf");
		if (alternatives.isArray() && !alternatives.isEmpty()) {
			List<JsonSchemaElement> anyOf = new ArrayList<>();
			for (JsonNode alternative : alternatives) {
				anyOf.add(element(alternative, depth + 1));
			}
			return JsonAnyOfSchema.builder().anyOf(anyOf).description(description).build();
		}
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			List<String> types = new ArrayList<>();
			for (JsonNode each : type) {
				if (each.isString() && !"null".equals(each.asString())) {
					types.add(each.asString());
				}
			}
			if (types.isEmpty()) {
				return new JsonNullSchema();
			}
			if (types.size() > 1) {
				List<JsonSchemaElement> anyOf = new ArrayList<>();
				for (String each : types) {
					anyOf.add(typed(each, schema, null, depth));
				}
				return JsonAnyOfSchema.builder().anyOf(anyOf).description(description).build();
			}
			return typed(types.getFirst(), schema, description, depth);
		}
		if (type.isString()) {
			return typed(type.asString(), schema, description, depth);
		}
		if (schema.has("properties")) {
			return object(schema, depth);
		}
		if (schema.has("items")) {
			return typed("array", schema, description, depth);
		}
		return JsonStringSchema.builder().description(description).build();
	}

	private static JsonSchemaElement typed(String type, JsonNode schema, @Nullable String description, int depth) {
		return switch (type) {
			case "object" -> object(schema, depth);
			case "array" -> JsonArraySchema.builder()
				.items(element(schema.path("items"), depth + 1))
				.description(description)
				.build();
			case "integer" -> JsonIntegerSchema.builder().description(description).build();
			case "number" -> JsonNumberSchema.builder().description(description).build();
			case "boolean" -> JsonBooleanSchema.builder().description(description).build();
			case "null" -> new JsonNullSchema();
			default -> JsonStringSchema.builder().description(description).build();
		};
	}

	private static JsonObjectSchema object(JsonNode schema, int depth) {
		Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			properties.put(property.getKey(), element(property.getValue(), depth + 1));
		}
		JsonObjectSchema.Builder object = JsonObjectSchema.builder()
			.description(text(schema, "description"))
			.addProperties(properties);
		JsonNode required = schema.path("required");
		if (required.isArray() && !required.isEmpty()) {
			object.required(texts(required));
		}
		if (schema.path("additionalProperties").isBoolean()) {
			object.additionalProperties(schema.path("additionalProperties").asBoolean());
		}
		return object.build();
	}

	private static @Nullable String text(JsonNode schema, String field) {
		JsonNode value = schema.path(field);
		return value.isString() ? value.asString() : null;
	}

	private static boolean allText(JsonNode array) {
		for (JsonNode each : array) {
			if (!each.isString()) {
				return false;
			}
		}
		return true;
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		for (JsonNode each : array) {
			if (each.isString()) {
				texts.add(each.asString());
			}
		}
		return texts;
	}
}

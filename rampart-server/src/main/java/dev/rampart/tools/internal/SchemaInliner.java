package dev.rampart.tools.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rampart.shared.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resolves {@code $ref}s of an OpenAPI document into self-contained JSON Schemas for tool arguments: a tool's schema is
 * sent to the model alone, so it cannot point into {@code components}. A reference back into a schema being inlined
 * (a recursive type) and anything deeper than {@link #MAX_DEPTH} becomes an open schema ({@code {}}) with a note, and
 * a schema grown past {@link #MAX_NODES} is refused. Only references inside the document ({@code #/...}) resolve.
 * OpenAPI 3.0 dialect ({@code nullable}, boolean {@code exclusiveMinimum}) is rewritten as JSON Schema 2020-12, and
 * OpenAPI-only formats ({@code int32}, {@code binary} ...) are dropped (the validator asserts formats).
 */
final class SchemaInliner {

	static final int MAX_DEPTH = 24;

	static final int MAX_NODES = 1_500;

	private static final Set<String> FORMATS = Set.of("date-time", "date", "time", "duration", "email", "hostname",
			"ipv4", "ipv6", "uri", "uri-reference", "uuid");

	private static final Set<String> OPENAPI_ONLY = Set.of("discriminator", "xml", "externalDocs", "example", "nullable");

	private final JsonNode document;
	private final boolean openApi30;
	private final JsonNodeFactory nodes = JsonNodeFactory.instance;

	SchemaInliner(JsonNode document, boolean openApi30) {
		this.document = document;
		this.openApi30 = openApi30;
	}

	/** The object a {@code $ref} points at (following chains), or the node itself; a broken reference is a problem. */
	JsonNode resolve(JsonNode node, String at, List<FieldProblem> problems) {
		JsonNode current = node;
		for (int hops = 0; current.isObject() && current.has("$ref"); hops++) {
			if (hops > MAX_DEPTH) {
				problems.add(new FieldProblem(at, "$ref chain is too long or circular"));
				return nodes.objectNode();
			}
			JsonNode target = target(current.get("$ref"));
			if (target == null) {
				problems.add(new FieldProblem(at + ".$ref", "must point inside this document (#/components/...) at something"
						+ " that exists; '" + current.get("$ref").asString("") + "' does not"));
				return nodes.objectNode();
			}
			current = target;
		}
		return current;
	}

	/** A copy of {@code schema} without {@code $ref}s. */
	JsonNode inline(JsonNode schema, String at, List<FieldProblem> problems) {
		int[] count = { 0 };
		JsonNode inlined = inline(schema, at, problems, new ArrayDeque<>(), count);
		if (count[0] > MAX_NODES) {
			problems.add(new FieldProblem(at, "the schema has more than " + MAX_NODES + " nodes once its $refs are resolved"));
			return nodes.objectNode();
		}
		return inlined;
	}

	private JsonNode inline(JsonNode node, String at, List<FieldProblem> problems, Deque<String> stack, int[] count) {
		if (++count[0] > MAX_NODES) {
			return nodes.objectNode();
		}
		if (node.isArray()) {
			ArrayNode copy = nodes.arrayNode();
			for (JsonNode element : node) {
				copy.add(inline(element, at, problems, stack, count));
			}
			return copy;
		}
		if (!node.isObject()) {
			return node.deepCopy();
		}
		if (node.has("$ref")) {
			String reference = node.get("$ref").asString("");
			if (stack.contains(reference) || stack.size() >= MAX_DEPTH) {
				return nodes.objectNode().put("description", "(recursive or deeply nested: " + reference + ")");
			}
			JsonNode target = target(node.get("$ref"));
			if (target == null) {
				problems.add(new FieldProblem(at + ".$ref", "must point inside this document (#/components/...) at something"
						+ " that exists; '" + reference + "' does not"));
				return nodes.objectNode();
			}
			stack.push(reference);
			JsonNode inlined = inline(target, at, problems, stack, count);
			stack.pop();
			return inlined;
		}
		ObjectNode copy = nodes.objectNode();
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			String key = field.getKey();
			JsonNode value = field.getValue();
			if (OPENAPI_ONLY.contains(key) || key.startsWith("x-")
					|| (key.equals("format") && !(value.isString() && FORMATS.contains(value.asString())))) {
				continue;
			}
			if (key.equals("properties") || key.equals("patternProperties") || key.equals("$defs")) {
				ObjectNode children = copy.putObject(key);
				for (Map.Entry<String, JsonNode> child : value.properties()) {
					children.set(child.getKey(), inline(child.getValue(), at + "." + child.getKey(), problems, stack, count));
				}
				continue;
			}
			copy.set(key, inline(value, at, problems, stack, count));
		}
		if (openApi30) {
			rewrite30(node, copy);
		}
		return copy;
	}

	/** OpenAPI 3.0 → 2020-12: {@code nullable: true} adds "null" to the type; boolean exclusive bounds become numbers. */
	private void rewrite30(JsonNode original, ObjectNode copy) {
		if (original.path("nullable").asBoolean(false) && copy.path("type").isString()) {
			ArrayNode types = nodes.arrayNode().add(copy.get("type").asString()).add("null");
			copy.set("type", types);
		}
		for (String[] bound : new String[][] { { "exclusiveMinimum", "minimum" }, { "exclusiveMaximum", "maximum" } }) {
			JsonNode exclusive = copy.get(bound[0]);
			if (exclusive != null && exclusive.isBoolean()) {
				copy.remove(bound[0]);
				if (exclusive.asBoolean() && copy.has(bound[1])) {
					copy.set(bound[0], copy.remove(bound[1]));
				}
			}
		}
	}

	private @Nullable JsonNode target(JsonNode reference) {
		if (!reference.isString() || !reference.asString().startsWith("#/")) {
			return null;
		}
		JsonNode target = document.at(reference.asString().substring(1));
		return target.isMissingNode() ? null : target;
	}
}

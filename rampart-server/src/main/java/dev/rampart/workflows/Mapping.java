package dev.rampart.workflows;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The input a step passes on (an agent's input, a tool's arguments, a sub-workflow's input), written as JSON in which
 * a string starting with {@code =} is a JSONata {@link Expression} ({@code "=$steps.fetch.output.url"}) and every
 * other value is taken as it is; {@code ==} starts a literal string beginning with {@code =}. A step without
 * {@code input} maps {@code "=$input"}: the run's input.
 *
 * @param template the JSON as written
 */
public record Mapping(JsonNode template) {

	/** What a step without {@code input} passes: the run's input. */
	public static final Mapping RUN_INPUT = new Mapping(StringNode.valueOf("=$input"));

	/** The expressions of the template by path inside it ({@code ""} for the whole, {@code .a.b}, {@code [0]}). */
	public Map<String, Expression> expressions() {
		Map<String, Expression> found = new LinkedHashMap<>();
		collect(template, "", found);
		return found;
	}

	private static void collect(JsonNode node, String path, Map<String, Expression> found) {
		if (node.isString() && isExpression(node.stringValue())) {
			found.put(path, new Expression(node.stringValue().substring(1)));
		}
		else if (node.isObject()) {
			node.properties().forEach(field -> collect(field.getValue(), path + "." + field.getKey(), found));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collect(node.get(i), path + "[" + i + "]", found);
			}
		}
	}

	/**
	 * The template with each expression replaced by its value in {@code scope}.
	 *
	 * @throws IllegalArgumentException when an expression cannot be evaluated
	 */
	public JsonNode resolve(Scope scope) {
		return resolve(template, scope);
	}

	private static JsonNode resolve(JsonNode node, Scope scope) {
		if (node.isString()) {
			String text = node.stringValue();
			if (text.startsWith("==")) {
				return StringNode.valueOf(text.substring(1));
			}
			return isExpression(text) ? new Expression(text.substring(1)).evaluate(scope) : node;
		}
		if (node.isObject()) {
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			node.properties().forEach(field -> copy.set(field.getKey(), resolve(field.getValue(), scope)));
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode();
			node.forEach(item -> copy.add(resolve(item, scope)));
			return copy;
		}
		return node;
	}

	private static boolean isExpression(String text) {
		return text.startsWith("=") && !text.startsWith("==");
	}
}

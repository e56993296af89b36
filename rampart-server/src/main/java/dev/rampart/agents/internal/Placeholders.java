package dev.rampart.agents.internal;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The {@code {{parameter}}} placeholders of a template's agent part: every string value may contain them (field names
 * never do). A value replaces its placeholder as text: a string as it is, anything else as its JSON; a parameter
 * without a value becomes the empty string.
 */
final class Placeholders {

	static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]{0,63})\\s*}}");

	private Placeholders() {
	}

	/** The parameter names used anywhere in {@code node}, each with the path of its first use. */
	static Map<String, String> used(JsonNode node) {
		Map<String, String> names = new java.util.LinkedHashMap<>();
		collect(node, "", names);
		return names;
	}

	private static void collect(JsonNode node, String path, Map<String, String> names) {
		if (node.isString()) {
			Matcher matcher = PLACEHOLDER.matcher(node.stringValue());
			while (matcher.find()) {
				names.putIfAbsent(matcher.group(1), path);
			}
		}
		else if (node.isObject()) {
			node.properties().forEach(field -> collect(field.getValue(), path.isEmpty() ? field.getKey()
					: path + "." + field.getKey(), names));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collect(node.get(i), path + "[" + i + "]", names);
			}
		}
	}

	/** A copy of {@code node} with every placeholder replaced by its value. */
	static JsonNode render(JsonNode node, JsonNode values) {
		if (node.isString()) {
			Matcher matcher = PLACEHOLDER.matcher(node.stringValue());
			if (!matcher.find()) {
				return node;
			}
			return StringNode.valueOf(matcher.replaceAll(match -> Matcher.quoteReplacement(text(values.get(match.group(1))))));
		}
		if (node.isObject()) {
			ObjectNode copy = ((ObjectNode) node).objectNode();
			node.properties().forEach(field -> copy.set(field.getKey(), render(field.getValue(), values)));
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = ((ArrayNode) node).arrayNode();
			node.forEach(element -> copy.add(render(element, values)));
			return copy;
		}
		return node;
	}

	private static String text(JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return "";
		}
		return value.isString() ? value.stringValue() : value.toString();
	}

	/** Names declared in a parameter schema's {@code properties}. */
	static Set<String> declared(JsonNode parameters) {
		Set<String> names = new LinkedHashSet<>();
		parameters.path("properties").propertyNames().forEach(names::add);
		return names;
	}
}

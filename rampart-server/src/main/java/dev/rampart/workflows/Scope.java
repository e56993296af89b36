package dev.rampart.workflows;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an expression sees (docs/workflows.md, "Expressions"): the run's input as {@code $input}, the outputs of the
 * steps that finished as {@code $steps.<id>.output}, and inside a map or loop body {@code $item}, {@code $index} and
 * {@code $iteration}.
 *
 * @param outputs step id → output of each finished step
 */
public record Scope(JsonNode input, Map<String, JsonNode> outputs, @Nullable JsonNode item, @Nullable Integer index,
		@Nullable Integer iteration) {

	public Scope {
		outputs = Map.copyOf(outputs);
	}

	/** The scope of a run's main path. */
	public static Scope of(JsonNode input, Map<String, JsonNode> outputs) {
		return new Scope(input, outputs, null, null, null);
	}

	/** {@code $steps}: {@code {"<id>": {"output": ...}}}. */
	public ObjectNode steps() {
		ObjectNode steps = JsonNodeFactory.instance.objectNode();
		outputs.forEach((id, output) -> steps.putObject(id).set("output", output == null ? NullNode.getInstance() : output));
		return steps;
	}
}

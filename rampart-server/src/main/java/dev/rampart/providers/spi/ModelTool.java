package dev.rampart.providers.spi;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A tool offered to the model in a {@link ModelRequest}, so the model may answer with {@link ModelToolCall}s instead
 * of text. Rampart's own type: each adapter turns it into its dialect's function declaration.
 *
 * @param name the name the model calls the tool by
 * @param description what the tool does, for the model to decide when to call it
 * @param parameters the JSON Schema of the arguments: an object schema ({@code "type": "object"})
 */
public record ModelTool(String name, String description, JsonNode parameters) {

	public ModelTool {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(description, "description");
		Objects.requireNonNull(parameters, "parameters");
	}
}

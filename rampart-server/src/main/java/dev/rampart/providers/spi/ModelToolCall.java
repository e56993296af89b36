package dev.rampart.providers.spi;

import java.util.Objects;

/**
 * A tool call the model asked for. The arguments are passed on as the model wrote them, even when they are not valid
 * JSON: the caller validates them against the tool's schema before running anything. They are not masked, since they
 * go to a tool, not to a person.
 *
 * @param id the provider's call id, or {@code call_<n>} generated for dialects without ids (Gemini, Ollama); the
 *        {@link ModelMessage#toolResult tool result} answers it with this id
 * @param name the tool's name
 * @param arguments the arguments as the model wrote them, normally a JSON object
 */
public record ModelToolCall(String id, String name, String arguments) {

	public ModelToolCall {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(arguments, "arguments");
	}
}

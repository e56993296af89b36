package dev.rampart.providers.spi;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What is sent to the model: Rampart's own type, independent of any client library.
 *
 * @param messages the conversation, oldest first
 * @param maxTokens the most output tokens the model may produce, or null for the provider's default
 * @param temperature sampling temperature, or null for the provider's default
 * @param tools the tools the model may call; empty when it may call none
 */
public record ModelRequest(List<ModelMessage> messages, @Nullable Integer maxTokens, @Nullable Double temperature,
		List<ModelTool> tools) {

	public ModelRequest {
		messages = List.copyOf(messages);
		tools = tools == null ? List.of() : List.copyOf(tools);
	}

	public ModelRequest(List<ModelMessage> messages, @Nullable Integer maxTokens, @Nullable Double temperature) {
		this(messages, maxTokens, temperature, List.of());
	}

	/** The same request with other messages; the limits and tools are kept. */
	public ModelRequest withMessages(List<ModelMessage> replacement) {
		return new ModelRequest(replacement, maxTokens, temperature, tools);
	}
}

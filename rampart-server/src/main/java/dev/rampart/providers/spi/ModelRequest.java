package dev.rampart.providers.spi;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What is sent to the model: Rampart's own type, independent of any client library.
 *
 * @param messages the conversation, oldest first
 * @param maxTokens the most output tokens the model may produce, or null for the provider's default
 * @param temperature sampling temperature, or null for the provider's default
 */
public record ModelRequest(List<ModelMessage> messages, @Nullable Integer maxTokens, @Nullable Double temperature) {

	public ModelRequest {
		messages = List.copyOf(messages);
	}

	public ModelRequest withMessages(List<ModelMessage> replacement) {
		return new ModelRequest(replacement, maxTokens, temperature);
	}
}

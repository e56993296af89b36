package dev.rampart.providers.spi;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A model's whole answer to a non-streaming call, as passed outwards through the chain.
 *
 * @param text the answer text (often empty when the model asked for tools)
 * @param finishReason why the model stopped ({@code stop}, {@code length}, {@code tool_calls} ...), null when unknown
 * @param usage tokens consumed
 * @param masked how many spans of each masking category interceptors masked in {@code text}, by category name
 * @param servedBy the provider and model that produced it, or null where no provider was involved (tests)
 * @param toolCalls the tools the model asked to call, in order; empty when it answered with text only. Their
 *        arguments are not masked: they go to tools, not to people
 */
public record ModelReply(String text, @Nullable String finishReason, Usage usage, Map<String, Integer> masked,
		@Nullable ServedBy servedBy, List<ModelToolCall> toolCalls) {

	public ModelReply {
		masked = Masks.copy(masked);
		toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
	}

	public ModelReply(String text, @Nullable String finishReason, Usage usage, Map<String, Integer> masked,
			@Nullable ServedBy servedBy) {
		this(text, finishReason, usage, masked, servedBy, List.of());
	}

	public ModelReply(String text, @Nullable String finishReason, Usage usage, Map<String, Integer> masked) {
		this(text, finishReason, usage, masked, null, List.of());
	}

	public ModelReply withText(String replacement) {
		return new ModelReply(replacement, finishReason, usage, masked, servedBy, toolCalls);
	}

	/** A copy whose masked counts also include {@code more}. */
	public ModelReply withMasked(Map<String, Integer> more) {
		return new ModelReply(text, finishReason, usage, Masks.merge(masked, more), servedBy, toolCalls);
	}
}

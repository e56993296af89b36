package dev.rampart.providers.spi;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The end of a streamed reply, after its last delta. Tool calls are not streamed piece by piece: the client library
 * assembles them, and they arrive whole here.
 *
 * @param finishReason why the model stopped, null when unknown
 * @param usage tokens consumed
 * @param masked how many spans of each masking category interceptors masked in the deltas, by category name
 * @param servedBy the provider and model that produced the stream, or null where no provider was involved (tests)
 * @param toolCalls the tools the model asked to call, in order; empty when it answered with text only (not masked)
 */
public record StreamEnd(@Nullable String finishReason, Usage usage, Map<String, Integer> masked, @Nullable ServedBy servedBy,
		List<ModelToolCall> toolCalls) {

	public StreamEnd {
		masked = Masks.copy(masked);
		toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
	}

	public StreamEnd(@Nullable String finishReason, Usage usage, Map<String, Integer> masked, @Nullable ServedBy servedBy) {
		this(finishReason, usage, masked, servedBy, List.of());
	}

	public StreamEnd(@Nullable String finishReason, Usage usage, Map<String, Integer> masked) {
		this(finishReason, usage, masked, null, List.of());
	}

	/** A copy whose masked counts also include {@code more}. */
	public StreamEnd withMasked(Map<String, Integer> more) {
		return new StreamEnd(finishReason, usage, Masks.merge(masked, more), servedBy, toolCalls);
	}
}

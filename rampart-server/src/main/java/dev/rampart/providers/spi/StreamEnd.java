package dev.rampart.providers.spi;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The end of a streamed reply, after its last delta.
 *
 * @param finishReason why the model stopped, null when unknown
 * @param usage tokens consumed
 * @param masked how many spans of each masking category interceptors masked in the deltas, by category name
 * @param servedBy the provider and model that produced the stream, or null where no provider was involved (tests)
 */
public record StreamEnd(@Nullable String finishReason, Usage usage, Map<String, Integer> masked, @Nullable ServedBy servedBy) {

	public StreamEnd {
		masked = Masks.copy(masked);
	}

	public StreamEnd(@Nullable String finishReason, Usage usage, Map<String, Integer> masked) {
		this(finishReason, usage, masked, null);
	}

	/** A copy whose masked counts also include {@code more}. */
	public StreamEnd withMasked(Map<String, Integer> more) {
		return new StreamEnd(finishReason, usage, Masks.merge(masked, more), servedBy);
	}
}

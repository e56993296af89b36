package dev.rampart.providers.spi;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The end of a streamed reply, after its last delta.
 *
 * @param finishReason why the model stopped, null when unknown
 * @param usage tokens consumed
 * @param masked how many spans of each masking category interceptors masked in the deltas, by category name
 */
public record StreamEnd(@Nullable String finishReason, Usage usage, Map<String, Integer> masked) {

	public StreamEnd {
		masked = Masks.copy(masked);
	}

	/** A copy whose masked counts also include {@code more}. */
	public StreamEnd withMasked(Map<String, Integer> more) {
		return new StreamEnd(finishReason, usage, Masks.merge(masked, more));
	}
}

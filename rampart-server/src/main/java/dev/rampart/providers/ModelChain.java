package dev.rampart.providers;

import java.util.HashSet;
import java.util.List;

/**
 * An ordered model spec: the primary, then the alternatives tried when it fails (possibly at other providers), and
 * how the response cache is used (docs/providers.md, "Fallback chains" and "Response cache").
 *
 * @param targets primary first; 1 to {@link #MAX_TARGETS}, no repeats
 * @param cache how the response cache serves and stores this call
 */
public record ModelChain(List<ModelTarget> targets, CacheMode cache) {

	public static final int MAX_TARGETS = 5;

	/**
	 * How a call uses the response cache. A cached reply is served with no provider call and costs nothing.
	 */
	public enum CacheMode {
		/** Deterministic requests (temperature 0) are served from the cache when they can be, and stored. */
		AUTO,
		/** Served from the cache when possible and stored, whatever the temperature: the caller opts in. */
		PREFER,
		/** Stored, and served from the cache only when every model of the chain failed. */
		FALLBACK,
		/** Never read or written. */
		OFF
	}

	public ModelChain {
		targets = List.copyOf(targets);
		if (targets.isEmpty() || targets.size() > MAX_TARGETS) {
			throw new IllegalArgumentException("a model chain has 1 to " + MAX_TARGETS + " models");
		}
		if (new HashSet<>(targets).size() != targets.size()) {
			throw new IllegalArgumentException("a model chain names each provider/model once");
		}
	}

	public static ModelChain of(ModelTarget primary) {
		return new ModelChain(List.of(primary), CacheMode.AUTO);
	}

	public ModelTarget primary() {
		return targets.getFirst();
	}
}

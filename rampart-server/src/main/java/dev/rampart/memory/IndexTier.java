package dev.rampart.memory;

/**
 * Where an agent's vector index currently lives, reported so that operators and tests can see the tiering work
 * (docs/memory.md).
 */
public enum IndexTier {
	/** A mutable graph on the heap, counted against {@code rampart.memory.index.hot-budget}. */
	HOT,
	/** A read-only graph file under {@code <data-dir>/memory-index}, memory-mapped; a write promotes it to hot. */
	WARM,
	/** Nothing in memory or on disk: the next use rebuilds it from the {@link VectorSource}. */
	COLD
}

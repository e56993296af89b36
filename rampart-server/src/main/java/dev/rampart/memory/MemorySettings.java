package dev.rampart.memory;

import dev.rampart.providers.ModelTarget;
import org.jspecify.annotations.Nullable;

/**
 * An agent's memory settings, owned by the agent definition and passed in by the caller on every save and search, so
 * that this module never reads agents.
 *
 * @param capacity most memories the agent keeps; a save beyond it evicts the lowest-scored ones (docs/memory.md)
 * @param topK how many memories a search returns when the query does not say
 * @param embedding the provider's embedding model, or null for the in-process MiniLM model; its vectors must have
 * {@code rampart.memory.index.dimension} dimensions
 */
public record MemorySettings(int capacity, int topK, @Nullable ModelTarget embedding) {

	public static final int DEFAULT_CAPACITY = 10_000;

	public static final int DEFAULT_TOP_K = 5;

	public static final int MAX_CAPACITY = 1_000_000;

	public static final int MAX_TOP_K = 100;

	/** 10,000 memories, top 5, in-process embeddings. */
	public static final MemorySettings DEFAULTS = new MemorySettings(DEFAULT_CAPACITY, DEFAULT_TOP_K, null);

	public MemorySettings {
		if (capacity < 1 || capacity > MAX_CAPACITY) {
			throw new IllegalArgumentException("capacity must be within 1.." + MAX_CAPACITY + ", got " + capacity);
		}
		if (topK < 1 || topK > MAX_TOP_K) {
			throw new IllegalArgumentException("topK must be within 1.." + MAX_TOP_K + ", got " + topK);
		}
	}

	/** The name stored with each vector: vectors of different models are never compared. */
	public String embeddingModel() {
		return embedding == null ? LOCAL_MODEL : embedding.toString();
	}

	/** {@link #embeddingModel()} of the in-process model. */
	public static final String LOCAL_MODEL = "local/all-minilm-l6-v2";
}

package dev.rampart.memory;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A search of an agent's memories.
 *
 * @param text what to look for (embedded with the settings' model)
 * @param scopes the scopes to include; empty = every scope of the agent
 * @param topK how many to return at most; null = the settings' topK
 * @param keywordWeight 0 to 1: how much keyword overlap counts against vector similarity (0 = vectors only)
 * @param minScore hits scoring below this are dropped (−1 keeps everything)
 * @param settings the agent's memory settings
 */
public record MemoryQuery(String text, List<String> scopes, @Nullable Integer topK, float keywordWeight, float minScore,
		MemorySettings settings) {

	public MemoryQuery {
		scopes = List.copyOf(scopes);
		if (!(keywordWeight >= 0 && keywordWeight <= 1)) {
			throw new IllegalArgumentException("keywordWeight must be within 0..1");
		}
		if (topK != null && (topK < 1 || topK > MemorySettings.MAX_TOP_K)) {
			throw new IllegalArgumentException("topK must be within 1.." + MemorySettings.MAX_TOP_K);
		}
	}

	/** Every scope, the settings' topK, vectors only, no floor. */
	public static MemoryQuery of(String text, MemorySettings settings) {
		return new MemoryQuery(text, List.of(), null, 0, -1, settings);
	}

	public MemoryQuery inScopes(List<String> newScopes) {
		return new MemoryQuery(text, newScopes, topK, keywordWeight, minScore, settings);
	}

	public MemoryQuery withTopK(@Nullable Integer newTopK) {
		return new MemoryQuery(text, scopes, newTopK, keywordWeight, minScore, settings);
	}

	public MemoryQuery withKeywordWeight(float newWeight) {
		return new MemoryQuery(text, scopes, topK, newWeight, minScore, settings);
	}

	public MemoryQuery withMinScore(float newMinScore) {
		return new MemoryQuery(text, scopes, topK, keywordWeight, newMinScore, settings);
	}

	/** {@link #topK()} or the settings' default. */
	public int effectiveTopK() {
		return topK != null ? topK : settings.topK();
	}
}

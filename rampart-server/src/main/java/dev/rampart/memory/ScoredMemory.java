package dev.rampart.memory;

/**
 * A search hit: the memory and how it ranked, so that the pipeline can show why a memory was injected.
 *
 * @param memory the memory (its access count and time as they were before this search)
 * @param score {@code (1 − w)·similarity + w·keywordScore}, w the query's keyword weight
 * @param similarity cosine similarity of the query's and the memory's vectors (−1 to 1)
 * @param keywordScore share of the query's distinct words found in the memory (0 to 1)
 */
public record ScoredMemory(Memory memory, float score, float similarity, float keywordScore) {
}

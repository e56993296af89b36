package dev.rampart.memory;

import java.util.UUID;

/**
 * One hit of a {@link VectorIndex#search}: the id the vector was added under and its cosine similarity to the query
 * (−1 to 1, higher is closer), so that callers can apply a relevance floor without knowing the index's internal score.
 *
 * @param id the memory id given to {@link VectorIndex#add}
 * @param similarity cosine similarity between the query and the stored vector
 */
public record VectorMatch(UUID id, float similarity) {
}

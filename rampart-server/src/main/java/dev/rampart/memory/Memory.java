package dev.rampart.memory;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One stored memory of an agent, with what eviction weighs (importance, last access, uses) and where it came from.
 *
 * @param id the memory's id
 * @param agentId the agent it belongs to
 * @param scope {@code ""}, {@code thread:<id>} or {@code user:<id>}
 * @param text what is remembered
 * @param importance 0 to 1, given or estimated
 * @param embeddingModel the model its vector came from ({@link MemorySettings#embeddingModel()})
 * @param source where it came from
 * @param runId the run that saved it, if any
 * @param contentHash SHA-256 of the text, hex
 * @param createdAt when it was first saved
 * @param lastAccessedAt when a search last returned it (or it was saved again)
 * @param accessCount how many searches returned it
 */
public record Memory(UUID id, UUID agentId, String scope, String text, float importance, String embeddingModel,
		MemorySource source, @Nullable String runId, String contentHash, Instant createdAt, Instant lastAccessedAt,
		long accessCount) {
}

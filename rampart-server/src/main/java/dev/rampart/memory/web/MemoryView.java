package dev.rampart.memory.web;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rampart.memory.Memory;
import dev.rampart.memory.ScoredMemory;
import org.jspecify.annotations.Nullable;

/**
 * A memory as the API shows it; a search hit also carries its {@code score}, {@code similarity} and
 * {@code keywordScore} (docs/memory.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MemoryView(UUID id, UUID agentId, String scope, String text, float importance, String source,
		@Nullable String runId, String embeddingModel, String contentHash, Instant createdAt, Instant lastAccessedAt,
		long accessCount, @Nullable Float score, @Nullable Float similarity, @Nullable Float keywordScore) {

	static MemoryView of(Memory memory) {
		return new MemoryView(memory.id(), memory.agentId(), memory.scope(), memory.text(), memory.importance(),
				memory.source().wireName(), memory.runId(), memory.embeddingModel(), memory.contentHash(),
				memory.createdAt(), memory.lastAccessedAt(), memory.accessCount(), null, null, null);
	}

	static MemoryView of(ScoredMemory hit) {
		Memory memory = hit.memory();
		return new MemoryView(memory.id(), memory.agentId(), memory.scope(), memory.text(), memory.importance(),
				memory.source().wireName(), memory.runId(), memory.embeddingModel(), memory.contentHash(),
				memory.createdAt(), memory.lastAccessedAt(), memory.accessCount(), hit.score(), hit.similarity(),
				hit.keywordScore());
	}
}

package dev.rampart.memory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Agents' long-term memories (docs/memory.md): PostgreSQL holds them, a per-agent vector index finds them. Every call
 * is bound to one tenant and one agent; nothing here can return another tenant's or agent's memory. The caller (the
 * agents module, the pipeline) has checked that the agent exists and passes its {@link MemorySettings}.
 */
public interface Memories {

	/**
	 * Saves a memory (or touches the same text already saved in that scope) and, when the agent is then over its
	 * capacity, evicts the lowest-scored others.
	 *
	 * @throws dev.rampart.shared.InvalidFieldsException when the text or scope is invalid
	 * @throws MemoryUnavailableException when the embedding model cannot embed the text
	 */
	Memory save(TenantId tenant, UUID agentId, NewMemory memory);

	/**
	 * The memories closest to the query, best first, each counted as accessed.
	 *
	 * @throws MemoryUnavailableException when the embedding model or the index cannot serve
	 */
	List<ScoredMemory> search(TenantId tenant, UUID agentId, MemoryQuery query);

	/**
	 * The agent's memories newest first, {@code limit} (1..200) at a time.
	 *
	 * @param scope only this scope, or null for all
	 * @param cursor {@link MemoryPage#nextCursor()} of the previous page, or null for the first
	 */
	MemoryPage list(TenantId tenant, UUID agentId, @Nullable String scope, @Nullable String cursor, int limit);

	Optional<Memory> get(TenantId tenant, UUID agentId, UUID memoryId);

	/** Whether there was such a memory. */
	boolean delete(TenantId tenant, UUID agentId, UUID memoryId);

	/** Deletes every memory of the agent and its index (the agent is purged); returns how many rows went. */
	int deleteAll(TenantId tenant, UUID agentId);

	MemoryStats stats(TenantId tenant, UUID agentId);
}

package dev.rampart.memory;

import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * All agents' vector indexes on this node, kept in tiers (hot on the heap within a byte budget, least recently used
 * first out; warm memory-mapped from disk; cold rebuilt from the {@link VectorSource}) so that many agents' memories fit
 * a fixed heap. Thread-safe; {@link #close()} writes hot indexes to disk so that a restart starts warm.
 */
public interface VectorIndexes extends AutoCloseable {

	/** The index of one agent of one tenant; cheap, does not load anything until used. */
	VectorIndex of(TenantId tenant, UUID agent);

	/** Where that agent's index is now. */
	IndexTier tier(TenantId tenant, UUID agent);

	/**
	 * Forgets the agent's index on every tier and deletes its files: for an agent whose memories are all deleted, or
	 * an index that may have missed a write (the next use rebuilds it from the {@link VectorSource}).
	 */
	void drop(TenantId tenant, UUID agent);

	/** Estimated heap bytes of all hot indexes (what the budget is compared with). */
	long hotBytes();

	@Override
	void close();
}

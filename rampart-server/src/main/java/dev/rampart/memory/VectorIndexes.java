package dev.rampart.memory;

import java.time.Instant;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

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

	/** What the node's health check reports; the default says only how many hot bytes there are. */
	default State state() {
		return new State(0, 0, 0, hotBytes(), null, null);
	}

	@Override
	void close();

	/**
	 * The node's indexes at a glance, for {@code /actuator/health} (component {@code vector_index}).
	 *
	 * @param hotIndexes indexes loaded on the heap
	 * @param warmIndexes indexes memory-mapped from disk
	 * @param vectors vectors in the loaded (hot and warm) indexes
	 * @param hotBytes estimated heap bytes of the hot indexes
	 * @param lastError the last failure to write, read or delete index files, or null; cleared by the next success
	 * @param lastErrorAt when it happened, or null
	 */
	record State(int hotIndexes, int warmIndexes, long vectors, long hotBytes, @Nullable String lastError,
			@Nullable Instant lastErrorAt) {

		/** Whether the last file operation failed: searches still work (cold rebuilds), but the tiers do not. */
		public boolean failing() {
			return lastError != null;
		}
	}
}

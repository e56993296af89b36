package dev.rampart.memory;

import java.util.List;
import java.util.UUID;

/**
 * The approximate nearest-neighbour index of one agent of one tenant. It exists so that memory retrieval is a graph
 * search of a few hundred vectors rather than a scan of all of an agent's memories; because one index holds exactly one
 * (tenant, agent), a search can never return another agent's memory. Obtain it from {@link VectorIndexes#of}; the
 * handle stays valid while the index moves between tiers. PostgreSQL remains the source of truth: the caller writes the
 * memory row first and then calls {@link #add}, so an index lost with the process is rebuilt from the rows.
 * Thread-safe.
 */
public interface VectorIndex {

	/**
	 * Adds or replaces the vector of {@code id}. The vector is normalised on the way in (cosine similarity); it must
	 * have the configured dimension and must not be all zeros.
	 */
	void add(UUID id, float[] vector);

	/** Removes {@code id}; does nothing when it is not in the index. */
	void remove(UUID id);

	/** Up to {@code k} ids closest to {@code query} by cosine similarity, closest first. */
	List<VectorMatch> search(float[] query, int k);

	/** How many vectors the index holds. */
	int size();
}

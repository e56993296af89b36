package dev.rampart.executions.internal;

/**
 * How full this node's heap is, for memory-pressure admission ({@link Admission}); an interface so tests hold it where
 * they need it instead of filling the heap.
 */
interface HeapGauge {

	/** The occupancy, 0–1 of the heap's maximum; {@link Double#NaN} when it cannot be told (the limit then holds). */
	double occupancy();
}

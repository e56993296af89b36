package dev.rampart.memory;

import java.util.UUID;
import java.util.function.BiConsumer;

import dev.rampart.shared.TenantId;

/**
 * Where the vectors of an agent are kept durably (the memories table). The index tiers are caches of it: when an
 * agent's index is neither on the heap nor on disk it is rebuilt from here ("cold" tier). Implementations stream rather
 * than return a list, so that 100,000 vectors need not be materialised twice.
 */
public interface VectorSource {

	/** Calls {@code sink} once per stored (id, vector) of the agent; only that tenant's and that agent's rows. */
	void forEachVector(TenantId tenant, UUID agent, BiConsumer<UUID, float[]> sink);
}

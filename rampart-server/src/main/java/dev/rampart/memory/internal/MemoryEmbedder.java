package dev.rampart.memory.internal;

import java.util.List;

import dev.rampart.memory.MemoryIndexProperties;
import dev.rampart.memory.MemorySettings;
import dev.rampart.memory.MemoryUnavailableException;
import dev.rampart.providers.LlmGateway;
import dev.rampart.providers.ModelTarget;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.embeddings.LocalEmbeddings;

/**
 * Embeds memory texts and queries with the agent's model: the in-process MiniLM by default, else a provider's embedding
 * model through the gateway (with its breakers, budgets and accounting). Any failure, and a vector the index cannot hold
 * (another dimension, all zeros), is a {@link MemoryUnavailableException}, so that the pipeline can go on without
 * memories.
 */
final class MemoryEmbedder {

	private final LocalEmbeddings local;

	private final LlmGateway gateway;

	private final int dimension;

	MemoryEmbedder(LocalEmbeddings local, LlmGateway gateway, MemoryIndexProperties index) {
		this.local = local;
		this.gateway = gateway;
		this.dimension = index.dimension();
	}

	float[] embed(TenantId tenant, MemorySettings settings, String text) {
		ModelTarget target = settings.embedding();
		float[] vector;
		try {
			vector = target == null ? local.embed(text) : gateway.embed(tenant, target, List.of(text)).getFirst();
		}
		catch (RampartException ex) {
			throw new MemoryUnavailableException("The embedding model " + settings.embeddingModel() + " failed ("
					+ ex.code() + ").", ex);
		}
		catch (RuntimeException ex) {
			throw new MemoryUnavailableException("The embedding model " + settings.embeddingModel() + " failed.", ex);
		}
		if (vector.length != dimension) {
			throw new MemoryUnavailableException("The embedding model " + settings.embeddingModel() + " returns "
					+ vector.length + " dimensions; the memory index holds " + dimension + ".", null);
		}
		if (isZero(vector)) {
			throw new MemoryUnavailableException("The embedding model " + settings.embeddingModel()
					+ " returned an empty vector.", null);
		}
		return vector;
	}

	private static boolean isZero(float[] vector) {
		for (float v : vector) {
			if (v != 0) {
				return false;
			}
		}
		return true;
	}
}

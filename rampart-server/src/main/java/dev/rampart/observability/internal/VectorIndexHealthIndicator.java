package dev.rampart.observability.internal;

import dev.rampart.memory.VectorIndexes;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code vector_index}: the node's memory indexes (how many are loaded hot and warm, their vectors
 * and heap) and the last failed index file operation. DOWN while the last file operation failed, which
 * {@link HealthChecker} turns into DEGRADED: memory retrieval still answers (indexes are rebuilt from PostgreSQL), so
 * runs continue, but tiering does not work.
 */
@Component("vector_index")
class VectorIndexHealthIndicator implements HealthIndicator {

	private final VectorIndexes indexes;

	VectorIndexHealthIndicator(VectorIndexes indexes) {
		this.indexes = indexes;
	}

	@Override
	public Health health() {
		VectorIndexes.State state = indexes.state();
		Health.Builder health = (state.failing() ? Health.down() : Health.up())
			.withDetail("hotIndexes", state.hotIndexes())
			.withDetail("warmIndexes", state.warmIndexes())
			.withDetail("vectors", state.vectors())
			.withDetail("hotBytes", state.hotBytes());
		if (state.lastError() != null) {
			health.withDetail("error", state.lastError()).withDetail("errorAt", String.valueOf(state.lastErrorAt()));
		}
		return health.build();
	}
}

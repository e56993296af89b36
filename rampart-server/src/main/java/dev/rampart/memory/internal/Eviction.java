package dev.rampart.memory.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rampart.memory.MemoryProperties;
import dev.rampart.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps an agent within its capacity by deleting its lowest-scored memories, where
 * <pre>
 * score = w_i·importance + w_r·2^(−age / half-life) + w_u·ln(1 + access_count),  age = now − last_accessed_at
 * </pre>
 * (weights and half-life from {@code rampart.memory.*}); ties go to the least recently accessed. Runs in the saving
 * transaction, after the agent's advisory lock, and never deletes the memory just saved.
 */
final class Eviction {

	private final JdbcClient jdbc;

	private final MemoryProperties properties;

	Eviction(JdbcClient jdbc, MemoryProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** Deletes what is over {@code capacity} and returns the deleted ids. */
	List<UUID> enforce(TenantId tenant, UUID agent, int capacity, UUID keep, Instant now) {
		long count = jdbc.sql("select count(*) from memories where tenant_id = :tenant and agent_id = :agent")
			.param("tenant", tenant.value())
			.param("agent", agent)
			.query(Long.class)
			.single();
		if (count <= capacity) {
			return List.of();
		}
		return jdbc.sql("""
				delete from memories where tenant_id = :tenant and agent_id = :agent and id in (
					select id from memories
					where tenant_id = :tenant and agent_id = :agent and id <> :keep
					order by :wi * importance
						+ :wr * exp(greatest(-700.0, -ln(2.0::float8) * greatest(0.0,
							extract(epoch from (:now - last_accessed_at))::float8) / :halfLife))
						+ :wu * ln(1.0 + access_count::float8),
						last_accessed_at, id
					limit :excess)
				returning id""")
			.param("tenant", tenant.value())
			.param("agent", agent)
			.param("keep", keep)
			.param("wi", properties.importanceWeight())
			.param("wr", properties.recencyWeight())
			.param("wu", properties.useWeight())
			.param("now", Timestamp.from(now))
			.param("halfLife", (double) properties.recencyHalfLife().toMillis() / 1_000)
			.param("excess", count - capacity)
			.query(UUID.class)
			.list();
	}
}

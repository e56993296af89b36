package dev.rampart.agents.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.agents.AgentPurged;
import dev.rampart.agents.AgentsProperties;
import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes for good the agents whose restore window ended (versions and aliases go with them), audits each and
 * publishes {@link AgentPurged} in the same transaction, so per-agent data elsewhere (memories) follows. Every node runs
 * it every {@code rampart.agents.purge-interval}; rows are locked and skipped when another node has them, so each
 * agent is purged once. A failed run is logged and the next one tries again.
 */
@Component
@EnableScheduling
class AgentPurge {

	private static final Logger log = LoggerFactory.getLogger(AgentPurge.class);
	private static final int BATCH = 500;

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final AgentsProperties properties;

	AgentPurge(JdbcClient jdbc, TenantTransactions transactions, Clock clock, AuditLog audit,
			ApplicationEventPublisher events, AgentsProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.audit = audit;
		this.events = events;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "${rampart.agents.purge-interval:1h}", fixedDelayString = "${rampart.agents.purge-interval:1h}")
	void scheduled() {
		try {
			int purged = purge();
			if (purged > 0) {
				log.info("Purged {} agents deleted more than {} ago", purged, properties.restoreWindow());
			}
		}
		catch (RuntimeException ex) {
			log.warn("The agent purge failed; the next run tries again ({})", ex.getClass().getSimpleName(), ex);
		}
	}

	/** Purges every agent past its window, in batches; returns how many. */
	int purge() {
		int total = 0;
		int batch;
		do {
			batch = transactions.asSystem("purge agents past their restore window", this::purgeBatch);
			total += batch;
		}
		while (batch == BATCH);
		return total;
	}

	private record Expired(TenantId tenant, UUID id, String name) {
	}

	private int purgeBatch() {
		Timestamp cutoff = Timestamp.from(clock.instant().minus(properties.restoreWindow()));
		List<Expired> expired = jdbc.sql("""
				select tenant_id, id, name from agents where deleted_at is not null and deleted_at < :cutoff
				order by deleted_at limit :batch for update skip locked""")
			.param("cutoff", cutoff)
			.param("batch", BATCH)
			.query((rs, row) -> new Expired(new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getObject("id", UUID.class),
					rs.getString("name")))
			.list();
		for (Expired agent : expired) {
			jdbc.sql("delete from agents where tenant_id = :tenant and id = :id")
				.param("tenant", agent.tenant().value())
				.param("id", agent.id())
				.update();
			audit.record(new AuditEntry(agent.tenant(), AuditActor.SYSTEM, null, "agent.purged", "agent", agent.id().toString(),
					AuditEntry.SUCCEEDED, Map.of("name", agent.name())));
			events.publishEvent(new AgentPurged(agent.tenant(), agent.id()));
		}
		return expired.size();
	}
}

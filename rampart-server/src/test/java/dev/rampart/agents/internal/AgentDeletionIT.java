package dev.rampart.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.agents.AgentActivity;
import dev.rampart.agents.AgentPurged;
import dev.rampart.agents.AgentReferences;
import dev.rampart.agents.Agents;
import dev.rampart.agents.AgentsProperties;
import dev.rampart.identity.AuditLog;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The guidelines' validate_agent_deletion: a running agent and one in use are not deleted (409 with the reason); any
 * other is soft-deleted, hidden, restorable within the window and purged after it (time moved by a clock, no waiting).
 */
@ServerTest
@Import(AgentDeletionIT.Usage.class)
class AgentDeletionIT {

	@LocalServerPort
	int port;

	private final Agents agents;
	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final AuditLog audit;
	private final AgentsProperties properties;
	private final ApplicationEventPublisher publisher;
	private HttpProbe admin;

	@Autowired
	AgentDeletionIT(Agents agents, JdbcClient jdbc, TenantTransactions transactions, AuditLog audit,
			AgentsProperties properties, ApplicationEventPublisher publisher) {
		this.agents = agents;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.audit = audit;
		this.properties = properties;
		this.publisher = publisher;
	}

	/** Stand-ins for the run engine and workflows (#8): what they would report for given agents. */
	@TestConfiguration
	static class Usage {

		static final Set<UUID> RUNNING = ConcurrentHashMap.newKeySet();
		static final Map<UUID, List<String>> USED_BY = new ConcurrentHashMap<>();

		@Bean
		AgentActivity runningAgents() {
			return (tenant, agentId) -> RUNNING.contains(agentId);
		}

		@Bean
		AgentReferences workflowsUsingAgents() {
			return (tenant, agentId) -> USED_BY.getOrDefault(agentId, List.of());
		}
	}

	@BeforeEach
	void signIn() {
		admin = HttpProbe.signedIn(port);
	}

	private UUID created() {
		Reply created = admin.json("POST", "/api/v1/agents", """
				{"name":"deletable %s","instructions":"x","model":{"chain":[{"provider":"sim","model":"sim-echo"}]}}
				""".formatted(UUID.randomUUID()));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return UUID.fromString(created.json().get("id").asString());
	}

	@Test
	void aRunningAgentIsNotDeleted() {
		UUID id = created();
		Usage.RUNNING.add(id);

		Reply refused = admin.json("DELETE", "/api/v1/agents/" + id, null);

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("code").asString()).isEqualTo("AGENT_RUNNING");
		assertThat(refused.json().get("userMessage").asString())
			.isEqualTo("Cannot delete agent while it's executing. Stop the agent first.");
		assertThat(refused.json().get("suggestedActions").get(0).asString()).isEqualTo("Stop agent execution and try again");
		assertThat(agents.resolve(TenantId.DEFAULT, id, null)).isPresent();
		Usage.RUNNING.remove(id);
		assertThat(admin.json("DELETE", "/api/v1/agents/" + id, null).status()).isEqualTo(204);
	}

	@Test
	void anAgentUsedByWorkflowsIsNotDeletedAndTheAnswerNamesThem() {
		UUID id = created();
		Usage.USED_BY.put(id, List.of("workflow nightly-report", "workflow onboarding"));

		Reply refused = admin.json("DELETE", "/api/v1/agents/" + id, null);

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("code").asString()).isEqualTo("AGENT_IN_USE");
		assertThat(refused.json().get("technicalDetails").asString())
			.contains("used by 2 resources: workflow nightly-report, workflow onboarding");
		assertThat(refused.json().get("suggestedActions").get(0).asString())
			.isEqualTo("Remove agent from workflows or create a backup first");
		Usage.USED_BY.remove(id);
	}

	@Test
	void aPurgedAgentTakesItsMemoriesWithIt() {
		UUID id = created();
		assertThat(admin.json("POST", "/api/v1/agents/" + id + "/memories", "{\"text\":\"Ann prefers tea\"}").status())
			.isEqualTo(201);
		assertThat(admin.json("DELETE", "/api/v1/agents/" + id, null).status()).isEqualTo(204);
		MovableClock clock = new MovableClock(Instant.now());
		clock.advance(properties.restoreWindow().plus(Duration.ofMinutes(1)));

		new AgentPurge(jdbc, transactions, clock, audit, publisher, properties).purge();

		await().atMost(Duration.ofSeconds(10)).until(() -> transactions.inTenant(TenantId.DEFAULT,
				() -> jdbc.sql("select count(*) from memories where agent_id = :id").param("id", id).query(Long.class).single())
			== 0);
	}

	@Test
	void aDeletedAgentIsHiddenRestorableAndPurgedAfterTheWindow() {
		UUID id = created();
		admin.json("PUT", "/api/v1/agents/" + id + "/aliases/prod", "{\"version\":1}");

		assertThat(admin.json("DELETE", "/api/v1/agents/" + id, null).status()).isEqualTo(204);

		assertThat(agents.resolve(TenantId.DEFAULT, id, null)).isEmpty();
		assertThat(agents.resolve(TenantId.DEFAULT, id, "prod")).isEmpty();
		assertThat(admin.get("/api/v1/agents?limit=200").body()).doesNotContain(id.toString());
		Reply deleted = admin.get("/api/v1/agents/" + id);
		assertThat(deleted.json().get("deletedAt").isNull()).isFalse();
		assertThat(deleted.json().get("restorableUntil").isNull()).isFalse();
		assertThat(admin.json("PUT", "/api/v1/agents/" + id, "{}").status()).isEqualTo(404);

		Reply restored = admin.json("POST", "/api/v1/agents/" + id + "/restore", null);
		assertThat(restored.status()).as(restored.body()).isEqualTo(200);
		assertThat(restored.json().get("deletedAt").isNull()).isTrue();
		assertThat(agents.resolve(TenantId.DEFAULT, id, "prod")).isPresent();

		admin.json("DELETE", "/api/v1/agents/" + id, null);
		List<Object> events = new ArrayList<>();
		MovableClock clock = new MovableClock(Instant.now());
		AgentPurge purge = new AgentPurge(jdbc, transactions, clock, audit, events::add, properties);

		purge.purge();
		assertThat(events).doesNotContain(new AgentPurged(TenantId.DEFAULT, id));
		clock.advance(properties.restoreWindow().plus(Duration.ofMinutes(1)));
		purge.purge();

		assertThat(events).contains(new AgentPurged(TenantId.DEFAULT, id));
		assertThat(admin.get("/api/v1/agents/" + id).status()).isEqualTo(404);
		assertThat(admin.json("POST", "/api/v1/agents/" + id + "/restore", null).status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/audit-events?action=agent.purged").body()).contains(id.toString());
	}

	@Test
	void anAgentPastItsWindowCannotBeRestored() {
		UUID id = created();
		admin.json("DELETE", "/api/v1/agents/" + id, null);
		transactions.asSystem("test: age a deletion", () -> jdbc.sql(
				"update agents set deleted_at = deleted_at - interval '31 days' where id = :id").param("id", id).update());

		Reply refused = admin.json("POST", "/api/v1/agents/" + id + "/restore", null);

		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.json().get("technicalDetails").asString()).contains("restore window ended");
	}
}

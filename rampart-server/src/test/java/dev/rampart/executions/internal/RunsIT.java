package dev.rampart.executions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.agents.AgentActivity;
import dev.rampart.shared.ActiveRuns;
import dev.rampart.shared.TenantId;
import dev.rampart.sim.LatencyModel;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.ScriptRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Durable agent runs (docs/runs.md) on a node with 4 workers, at most 2 runs per tenant at once and a 3 s lease (and a
 * plan that lets a tenant queue 1,000 runs, since the gateway's quota counts queued runs too): a run
 * is accepted, queued and executed to its result; idempotency keys; fencing and the takeover of a lapsed lease; fairness
 * across tenants; cancel; the active-run count and the deletion check.
 */
@ServerTest
@TestPropertySource(properties = { "rampart.runs.workers=4", "rampart.runs.tenant-concurrency=2", "rampart.runs.lease=3s",
		"rampart.runs.heartbeat=1s", "rampart.runs.poll-interval=200ms",
		"rampart.gateway.rate-limits.plans.default.concurrent-runs=1000" })
class RunsIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	private final RunJournal journal;
	private final ActiveRuns activeRuns;
	private final List<AgentActivity> activities;
	private final JdbcClient owner;

	@Autowired
	RunsIT(RunJournal journal, ActiveRuns activeRuns, List<AgentActivity> activities, DataSource dataSource) {
		this.journal = journal;
		this.activeRuns = activeRuns;
		this.activities = activities;
		this.owner = DatabaseOwner.jdbc(dataSource);
	}

	@AfterEach
	void rules() {
		sim.control().clearRules();
		sim.control().setLatency(LatencyModel.NONE);
	}

	@Test
	void anAgentRunIsAcceptedQueuedAndRunToItsResultWithStepsAndOrderedEvents() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http, "You echo.", "sim-echo", "[]");

		Reply accepted = http.json("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"hello runs\"}");

		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		assertThat(accepted.json().get("status").asString()).isEqualTo("queued");
		assertThat(accepted.json().get("version").asInt()).isEqualTo(1);
		String run = accepted.json().get("id").asString();
		assertThat(accepted.header("Location")).isEqualTo("/api/v1/runs/" + run);
		JsonNode done = awaitStatus(http, run, "succeeded");
		assertThat(done.get("output").asString()).isEqualTo("hello runs");
		assertThat(done.get("usage").get("modelCalls").asInt()).isEqualTo(1);
		assertThat(done.get("attempt").asInt()).isEqualTo(1);
		assertThat(done.get("endedAt").isNull()).isFalse();
		List<JsonNode> events = items(http.get("/api/v1/runs/" + run + "/events"));
		assertThat(events).extracting(event -> event.get("type").asString())
			.containsExactly("run_queued", "run_started", "model_call", "finished", "run_succeeded");
		assertThat(events).extracting(event -> event.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(items(http.get("/api/v1/runs/" + run + "/events?after=3"))).hasSize(2);
		assertThat(items(http.get("/api/v1/runs/" + run + "/steps"))).singleElement()
			.satisfies(step -> assertThat(step.get("kind").asString()).isEqualTo("model_call"));
		assertThat(items(http.get("/api/v1/runs?agent=" + agent))).extracting(item -> item.get("id").asString())
			.containsExactly(run);
	}

	@Test
	void toolCallsAreRecordedAsStepsAndAnApprovalMakesTheRunWait() {
		HttpProbe http = HttpProbe.signedIn(port);
		String tools = agent(http, "You compute.", "sim-tools", "[{\"name\":\"calculator\",\"required\":true}]");
		String approval = agent(http, "You compute.", "sim-tools", "[{\"name\":\"calculator\",\"approvalRequired\":true}]");

		String computed = start(http, tools, "what is 2 + 3?");
		String waiting = start(http, approval, "what is 2 + 3?");

		awaitStatus(http, computed, "succeeded");
		assertThat(items(http.get("/api/v1/runs/" + computed + "/steps")))
			.extracting(step -> step.get("kind").asString() + ":" + step.get("status").asString())
			.containsExactly("model_call:succeeded", "tool_call:ok", "model_call:succeeded");
		JsonNode paused = awaitStatus(http, waiting, "waiting");
		assertThat(paused.get("outcome").get("pending").get("approvalRequired").asString()).isEqualTo("calculator");
		assertThat(paused.get("endedAt").isNull()).isTrue();
	}

	@Test
	void aWaitingAgentRunResumesWithTheApprovedToolOrAnswersWithoutTheRefusedOne() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http, "You compute.", "sim-tools", "[{\"name\":\"calculator\",\"approvalRequired\":true}]");
		String approved = start(http, agent, "what is 2 + 3?");
		String refused = start(http, agent, "what is 2 + 3?");
		awaitStatus(http, approved, "waiting");
		awaitStatus(http, refused, "waiting");

		assertThat(http.json("POST", "/api/v1/runs/" + approved + "/resume", "{\"approved\":true}").status()).isEqualTo(202);
		assertThat(http.json("POST", "/api/v1/runs/" + refused + "/resume", "{\"approved\":false}").status()).isEqualTo(202);

		assertThat(awaitStatus(http, approved, "succeeded").get("output").asString()).isEqualTo("calculator: 5");
		assertThat(awaitStatus(http, refused, "succeeded").get("output").asString())
			.contains("calculator: A person did not approve calling 'calculator'");
		assertThat(http.json("POST", "/api/v1/runs/" + approved + "/resume", "{\"approved\":true}").json().get("code")
			.asString()).isEqualTo("RUN_NOT_WAITING");
		assertThat(http.json("POST", "/api/v1/runs/" + start(http, agent, "2 + 3?") + "/resume", "{}").status()).isIn(400, 409);
	}

	@Test
	void aFailingStepFailsTheRunWithItsProblem() {
		HttpProbe http = HttpProbe.signedIn(port);
		String marker = "fail-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).afterToolResult(false)
			.toolCall("calculator", Map.of("expression", "1 / 0")).build());
		String agent = agent(http, "You compute. " + marker, "sim-tools", "[{\"name\":\"calculator\",\"required\":true}]");

		JsonNode failed = awaitStatus(http, start(http, agent, "divide"), "failed");

		assertThat(failed.get("error").get("code").asString()).isEqualTo("AGENT_TOOL_FAILED");
		assertThat(failed.get("error").has("userMessage")).isTrue();
	}

	@Test
	void theSameIdempotencyKeyWithTheSameBodyIsTheSameRunAndWithAnotherBodyIsRefused() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http, "You echo.", "sim-echo", "[]");
		String key = "key-" + UUID.randomUUID();

		Reply first = http.send("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"once\"}", Map.of("Idempotency-Key", key));
		Reply again = http.send("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"once\"}", Map.of("Idempotency-Key", key));
		Reply other = http.send("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"twice\"}", Map.of("Idempotency-Key", key));

		assertThat(first.status()).isEqualTo(202);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
		assertThat(other.status()).isEqualTo(422);
		assertThat(other.json().get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
		assertThat(owner.sql("select count(*) from runs where idempotency_key = :key").param("key", key)
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void aRunWhoseWorkerDiedIsTakenOverAfterItsLeaseLapsesAndTheDeadWorkersWritesAreRefused() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http, "You echo.", "sim-echo", "[]");
		// a node claimed the run (token 7), wrote its start, then died: its lease lapsed a second ago
		UUID run = UUID.randomUUID();
		owner.sql("""
				with dead as (
					insert into runs (tenant_id, id, kind, target_id, target_version, input, status, attempt, lease_owner,
						lease_expires_at, fencing_token, created_at, created_by, started_at, updated_at)
					values (:tenant, :id, 'agent', :agent, 1, '"still there"', 'running', 1, 'dead-node',
						now() - interval '1 second', 7, now(), 'user:fixture', now(), now())
					returning tenant_id, id)
				insert into run_events (tenant_id, run_id, seq, type, data, at)
				select tenant_id, id, 1, 'run_queued', '{}'::jsonb, now() from dead
				union all select tenant_id, id, 2, 'run_started', '{}'::jsonb, now() from dead""")
			.param("tenant", TenantId.DEFAULT.value()).param("id", run).param("agent", UUID.fromString(agent))
			.update();

		JsonNode done = awaitStatus(http, run.toString(), "succeeded");

		assertThat(done.get("output").asString()).isEqualTo("still there");
		assertThat(done.get("attempt").asInt()).isEqualTo(2);
		assertThat(owner.sql("select fencing_token from runs where id = :id").param("id", run).query(Long.class).single())
			.isEqualTo(8L);
		Fence dead = new Fence(TenantId.DEFAULT, run, 7);
		assertThatThrownBy(() -> journal.finish(dead, "test", new RunJournal.Ending("failed", null, null, null, Map.of("code", "X")),
				List.of(), List.of())).isInstanceOf(StaleFenceException.class);
		assertThatThrownBy(() -> journal.record(dead, List.of(), List.of())).isInstanceOf(StaleFenceException.class);
		List<String> types = items(http.get("/api/v1/runs/" + run + "/events")).stream().map(e -> e.get("type").asString()).toList();
		assertThat(types).startsWith("run_queued", "run_started", "run_started").endsWith("run_succeeded");
		assertThat(types.stream().filter(type -> type.startsWith("run_") && !type.equals("run_started")
				&& !type.equals("run_queued"))).containsExactly("run_succeeded");
		assertThat(http.get("/api/v1/runs/" + run).json().get("status").asString()).isEqualTo("succeeded");
	}

	@Test
	void aTenantsBacklogDoesNotStarveAnotherTenant() {
		HttpProbe a = HttpProbe.signedIn(port);
		HttpProbe b = newTenant();
		String marker = "slow-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).replyText("done")
			.latency(LatencyModel.fixed(300, 0)).build());
		String agentA = agent(a, "Slowly. " + marker, "sim-echo", "[]");
		String agentB = agent(b, "Slowly. " + marker, "sim-echo", "[]");
		for (int i = 0; i < 200; i++) {
			start(a, agentA, "a");
		}
		List<String> runsOfB = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			runsOfB.add(start(b, agentB, "b"));
		}

		await().atMost(WAIT).until(() -> runsOfB.stream()
			.allMatch(run -> !b.get("/api/v1/runs/" + run).json().get("startedAt").isNull()));

		int notStartedOfA = owner.sql("select count(*) from runs where target_id = :agent and started_at is null")
			.param("agent", UUID.fromString(agentA)).query(Integer.class).single();
		owner.sql("update runs set status = 'cancelled', ended_at = now() where target_id = :agent and status = 'queued'")
			.param("agent", UUID.fromString(agentA)).update();
		assertThat(notStartedOfA).as("runs of A still waiting when the last of B started").isPositive();
		await().atMost(WAIT).until(() -> runsOfB.stream()
			.allMatch(run -> b.get("/api/v1/runs/" + run).json().get("status").asString().equals("succeeded")));
	}

	@Test
	void aRunningRunIsCancelledWithoutWaitingForItsModelCallAndAFinishedOneCannotBe() {
		HttpProbe http = HttpProbe.signedIn(port);
		String marker = "cancel-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).replyText("too late")
			.latency(LatencyModel.fixed(1_500, 0)).build());
		String agent = agent(http, "Slowly. " + marker, "sim-echo", "[]");
		String run = start(http, agent, "go");
		awaitStatus(http, run, "running");

		Reply cancel = http.json("POST", "/api/v1/runs/" + run + "/cancel", "{}");

		// 202 while the worker stops the model call; 200 when it stopped before the answer was read back
		assertThat(cancel.status()).isIn(200, 202);
		assertThat(cancel.json().get("cancelRequested").asBoolean()).isTrue();
		JsonNode cancelled = awaitStatus(http, run, "cancelled");
		assertThat(cancelled.get("output").isNull()).isTrue();
		assertThat(items(http.get("/api/v1/runs/" + run + "/events"))).extracting(event -> event.get("type").asString())
			.endsWith("run_started", "finished", "run_cancelled");
		Reply again = http.json("POST", "/api/v1/runs/" + run + "/cancel", "{}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("RUN_FINISHED");
	}

	@Test
	void activeRunsAreCountedAndAnAgentWithARunInFlightCannotBeDeleted() {
		HttpProbe http = newTenant();
		TenantId tenant = new TenantId(UUID.fromString(http.get("/api/v1/users/me").json().get("tenant").get("id").asString()));
		String marker = "busy-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).replyText("done at last")
			.latency(LatencyModel.fixed(2_000, 0)).build());
		String agent = agent(http, "Slowly. " + marker, "sim-echo", "[]");
		assertThat(activeRuns.activeRuns(tenant)).isZero();

		String run = start(http, agent, "go");

		assertThat(activeRuns.activeRuns(tenant)).isEqualTo(1);
		assertThat(activities).anyMatch(activity -> activity.running(tenant, UUID.fromString(agent)));
		Reply refused = http.send("DELETE", "/api/v1/agents/" + agent, "", Map.of());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("code").asString()).isEqualTo("AGENT_RUNNING");
		awaitStatus(http, run, "succeeded");
		assertThat(activeRuns.activeRuns(tenant)).isZero();
		assertThat(http.send("DELETE", "/api/v1/agents/" + agent, "", Map.of()).status()).isEqualTo(204);
	}

	@Test
	void theClaimQueriesUseTheirIndexes() {
		for (String query : List.of(RunQueue.FAIREST_TENANTS.replace(":cap", "8").replace(":now", "now()"),
				RunQueue.NEXT_OF_TENANT.replace(":tenant", "'" + TenantId.DEFAULT.value() + "'").replace(":now", "now()"),
				RunQueue.LAPSED.replace(":now", "now()"), RunQueue.LAPSED_COMPENSATING.replace(":now", "now()"),
				RunQueue.WAIT_DUE.replace(":now", "now()"))) {
			String plan = explain(query);
			assertThat(plan).as(query).contains("Index").doesNotContain("Seq Scan");
		}
	}

	private String explain(String query) {
		// the owner's client keeps one connection: the settings hold for the explain that follows
		owner.sql("set enable_seqscan = off").update();
		owner.sql("set enable_bitmapscan = off").update();
		return String.join("\n", owner.sql("explain " + query).query(String.class).list());
	}

	private HttpProbe newTenant() {
		String name = "runs-" + UUID.randomUUID().toString().substring(0, 13);
		return HttpProbe.ownerOfNewTenant(port, name, "owner-" + UUID.randomUUID() + "@example.org",
				"sturdy-horse-battery-" + UUID.randomUUID());
	}

	private static String start(HttpProbe http, String agent, String input) {
		Reply reply = http.json("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"" + input + "\"}");
		assertThat(reply.status()).as(reply.body()).isEqualTo(202);
		return reply.json().get("id").asString();
	}

	private static JsonNode awaitStatus(HttpProbe http, String run, String status) {
		return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
			.until(() -> http.get("/api/v1/runs/" + run).json(), node -> node.get("status").asString().equals(status));
	}

	private static List<JsonNode> items(Reply reply) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		return reply.json().get("items").valueStream().toList();
	}

	private static String agent(HttpProbe http, String instructions, String model, String tools) {
		Reply created = http.json("POST", "/api/v1/agents", "{\"name\":\"r-" + UUID.randomUUID() + "\",\"instructions\":\""
				+ instructions + "\",\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"" + model + "\"}]},\"tools\":"
				+ tools + "}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}
}

package dev.rampart.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.ScriptRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Recording and replay (docs/runs.md, "Recording and replay"): an agent run and a workflow run whose tools have a side
 * effect on a counting HTTP server on loopback are replayed; each replay reaches the original's output without a
 * request to the simulator and without a second effect ("forces replay of every step and asserts each tool ran exactly
 * once"). A tampered record makes the replay fail with {@code REPLAY_DIVERGED}; a run that has not ended cannot be
 * replayed; another tenant's run is not found. And a run taken over after its lease lapsed answers the calls its lost
 * attempt completed from the record: no repeated tool call, one model call less.
 */
@ServerTest
@TestPropertySource(properties = { "rampart.runs.workers=4", "rampart.runs.lease=3s", "rampart.runs.heartbeat=1s",
		"rampart.runs.poll-interval=200ms" })
class RunReplayIT {

	private static final Duration WAIT = Duration.ofSeconds(60);
	private static final List<String> TERMINAL = List.of("succeeded", "failed", "compensated", "cancelled");

	private static HttpServer effects;
	/** Requests per path, as the counting server saw them. */
	private static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	private final JdbcClient owner;
	private HttpProbe http;

	@Autowired
	RunReplayIT(DataSource dataSource) {
		this.owner = DatabaseOwner.jdbc(dataSource);
	}

	@BeforeAll
	static void startEffects() throws IOException {
		effects = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		effects.createContext("/effect/", exchange -> {
			REQUESTS.computeIfAbsent(exchange.getRequestURI().getPath(), k -> new AtomicInteger()).incrementAndGet();
			byte[] body = "{\"applied\":true}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		effects.start();
	}

	@AfterAll
	static void stopEffects() {
		effects.stop(0);
	}

	@BeforeEach
	void tenant() {
		String name = "replay-" + UUID.randomUUID().toString().substring(0, 13);
		http = HttpProbe.ownerOfNewTenant(port, name, "owner-" + UUID.randomUUID() + "@example.org",
				"sturdy-horse-battery-" + UUID.randomUUID());
		Reply egress = http.json("PUT", "/api/v1/tools/egress",
				"{\"allowedHosts\":[\"127.0.0.1:" + effects.getAddress().getPort() + "\"]}");
		assertThat(egress.status()).as(egress.body()).isEqualTo(200);
	}

	@AfterEach
	void rules() {
		sim.control().clearRules();
	}

	@Test
	void aReplayedAgentRunReachesTheSameOutputWithoutCallingTheModelOrTheToolAgain() {
		String marker = "replay-" + UUID.randomUUID();
		String path = "/effect/" + marker;
		effectRules(marker, path);
		String agent = agent(marker);
		String original = startAgent(agent, "apply the effect");
		JsonNode done = awaitTerminal(original);
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
		assertThat(count(path)).isEqualTo(1);
		List<JsonNode> recorded = steps(original);
		assertThat(recorded).extracting(step -> step.get("kind").asString())
			.containsExactly("model_call", "tool_call", "model_call");
		assertThat(recorded.get(0).get("output").get("calls").get(0).get("name").asString()).isEqualTo("http_request");
		assertThat(recorded.get(1).get("input").get("arguments").asString()).contains(path);
		assertThat(recorded.get(1).get("output").get("output").asString()).contains("applied");
		assertThat(recorded.get(2).get("output").get("text").asString()).isEqualTo("the effect is applied");
		long modelRequests = sim.control().stats().requests();

		Reply accepted = http.json("POST", "/api/v1/runs/" + original + "/replay", "");

		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		assertThat(accepted.json().get("replayOf").asString()).isEqualTo(original);
		assertThat(accepted.json().get("agentId").asString()).isEqualTo(agent);
		String replay = accepted.json().get("id").asString();
		assertThat(accepted.header("Location")).isEqualTo("/api/v1/runs/" + replay);
		JsonNode replayed = awaitTerminal(replay);
		assertThat(replayed.get("status").asString()).as(replayed.toString()).isEqualTo("succeeded");
		assertThat(replayed.get("output")).isEqualTo(done.get("output"));
		assertThat(replayed.get("outcome").get("replay").get("outputMatches").asBoolean()).isTrue();
		assertThat(replayed.get("outcome").get("replay").get("of").asString()).isEqualTo(original);
		assertThat(sim.control().stats().requests()).as("model requests during the replay").isEqualTo(modelRequests);
		assertThat(count(path)).as("each effect exactly once over original and replay").isEqualTo(1);
		assertThat(steps(replay)).allSatisfy(step -> assertThat(step.get("output").get("replayed").asBoolean()).isTrue())
			.hasSize(3);
	}

	@Test
	void aReplayedWorkflowRunAnswersItsToolAndAgentStepsFromTheRecordAndReevaluatesItsTransform() {
		String marker = "wf-replay-" + UUID.randomUUID();
		String agentPath = "/effect/" + marker + "-agent";
		String stepPath = "/effect/" + marker + "-step";
		effectRules(marker, agentPath);
		String agent = agent(marker);
		String workflow = workflow(agent, stepPath);
		String original = startWorkflow(workflow, "{\"note\":\"go\"}");
		JsonNode done = awaitTerminal(original);
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
		assertThat(done.get("output").asString()).isEqualTo("the effect is applied / 200");
		assertThat(count(stepPath)).isEqualTo(1);
		assertThat(count(agentPath)).isEqualTo(1);
		long modelRequests = sim.control().stats().requests();

		Reply accepted = http.json("POST", "/api/v1/runs/" + original + "/replay", "");

		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		assertThat(accepted.json().get("workflowId").asString()).isEqualTo(workflow);
		JsonNode replayed = awaitTerminal(accepted.json().get("id").asString());
		assertThat(replayed.get("status").asString()).as(replayed.toString()).isEqualTo("succeeded");
		assertThat(replayed.get("output")).isEqualTo(done.get("output"));
		assertThat(replayed.get("outcome").get("replay").get("outputMatches").asBoolean()).isTrue();
		assertThat(sim.control().stats().requests()).as("model requests during the replay").isEqualTo(modelRequests);
		assertThat(count(stepPath)).as("the tool step's effect exactly once").isEqualTo(1);
		assertThat(count(agentPath)).as("the agent's tool effect exactly once").isEqualTo(1);
	}

	@Test
	void aReplayWhoseRecordWasTamperedWithFailsWithReplayDiverged() {
		String marker = "diverge-" + UUID.randomUUID();
		String path = "/effect/" + marker;
		effectRules(marker, path);
		String original = startAgent(agent(marker), "apply the effect");
		assertThat(awaitTerminal(original).get("status").asString()).isEqualTo("succeeded");
		owner.sql("update run_steps set input = jsonb_set(input, '{arguments}', to_jsonb(cast('{\"url\":\"http://127.0.0.1:1/other\"}'"
				+ " as text))) where run_id = :run and kind = 'tool_call'")
			.param("run", UUID.fromString(original)).update();

		JsonNode replayed = awaitTerminal(http.json("POST", "/api/v1/runs/" + original + "/replay", "").json().get("id")
			.asString());

		assertThat(replayed.get("status").asString()).isEqualTo("failed");
		assertThat(replayed.get("error").get("code").asString()).isEqualTo("REPLAY_DIVERGED");
		assertThat(replayed.get("error").get("technicalDetails").asString()).contains("Round 1, tool call 1")
			.contains("http_request");
		assertThat(count(path)).isEqualTo(1);

		String workflowPath = "/effect/" + marker + "-wf";
		String workflowRun = startWorkflow(workflow(agent(marker), workflowPath), "{\"note\":\"go\"}");
		assertThat(awaitTerminal(workflowRun).get("status").asString()).isEqualTo("succeeded");
		owner.sql("update run_steps set input = jsonb_set(input, '{arguments}', to_jsonb(cast('{\"url\":\"http://127.0.0.1:1/x\"}'"
				+ " as text))) where run_id = :run and kind = 'tool_call' and name = 'http_request' and input ->> 'scope' like 's1:%'")
			.param("run", UUID.fromString(workflowRun)).update();
		JsonNode diverged = awaitTerminal(http.json("POST", "/api/v1/runs/" + workflowRun + "/replay", "").json().get("id")
			.asString());
		assertThat(diverged.get("status").asString()).isEqualTo("failed");
		assertThat(diverged.get("error").get("code").asString()).isEqualTo("REPLAY_DIVERGED");
		assertThat(diverged.get("error").get("technicalDetails").asString()).contains("step s1:1");
		assertThat(count(workflowPath)).isEqualTo(1);
	}

	@Test
	void aRunThatHasNotEndedCannotBeReplayedAndAnotherTenantsRunIsNotFound() {
		Reply created = http.json("POST", "/api/v1/agents", "{\"name\":\"w-" + UUID.randomUUID() + "\",\"instructions\":"
				+ "\"You compute.\",\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-tools\"}]},\"tools\":"
				+ "[{\"name\":\"calculator\",\"approvalRequired\":true}]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String waiting = startAgent(created.json().get("id").asString(), "what is 2 + 3?");
		await().atMost(WAIT).until(() -> http.get("/api/v1/runs/" + waiting).json().get("status").asString(),
				"waiting"::equals);

		assertProblem(http.json("POST", "/api/v1/runs/" + waiting + "/replay", ""), 409, "RUN_NOT_ENDED");
		HttpProbe other = HttpProbe.ownerOfNewTenant(port, "other-" + UUID.randomUUID().toString().substring(0, 13),
				"other-" + UUID.randomUUID() + "@example.org", "sturdy-horse-battery-" + UUID.randomUUID());
		assertProblem(other.json("POST", "/api/v1/runs/" + waiting + "/replay", ""), 404,
				"RESOURCE_NOT_FOUND");
	}

	@Test
	void aRunTakenOverAfterItsLeaseLapsedAnswersItsLostAttemptsCallsFromTheRecord() {
		String marker = "takeover-" + UUID.randomUUID();
		String path = "/effect/" + marker;
		effectRules(marker, path);
		String agent = agent(marker);
		String arguments = "{\"url\":\"http://127.0.0.1:" + effects.getAddress().getPort() + path
				+ "\",\"method\":\"POST\",\"body\":\"{}\"}";
		// a node claimed the run, recorded a model call and the tool call it asked for, then died: its lease lapsed
		UUID run = UUID.randomUUID();
		UUID tenant = owner.sql("select tenant_id from agents where id = :agent").param("agent", UUID.fromString(agent))
			.query(UUID.class).single();
		owner.sql("""
				insert into runs (tenant_id, id, kind, target_id, target_version, input, status, attempt, lease_owner,
					lease_expires_at, fencing_token, created_at, created_by, started_at, updated_at)
				values (:tenant, :id, 'agent', :agent, 1, '"apply the effect"', 'running', 1, 'dead-node',
					now() - interval '1 second', 7, now(), 'user:fixture', now(), now())""")
			.param("tenant", tenant).param("id", run).param("agent", UUID.fromString(agent)).update();
		owner.sql("""
				insert into run_steps (tenant_id, run_id, index, kind, name, status, input, output, attempt, started_at, ended_at)
				values (:tenant, :id, 1, 'model_call', 'sim/sim-echo', 'succeeded', '{"round": 1}',
					jsonb_build_object('inputTokens', 10, 'outputTokens', 5, 'toolCalls', 1, 'text', '', 'finishReason',
						'tool_calls', 'replayed', false, 'calls', jsonb_build_array(jsonb_build_object('id', 'call_lost',
						'name', 'http_request', 'arguments', cast(:arguments as text)))), 1, now(), now()),
					(:tenant, :id, 2, 'tool_call', 'http_request', 'ok', jsonb_build_object('callId', 'call_lost', 'round', 1,
						'position', 0, 'arguments', cast(:arguments as text)),
					'{"tookMs": 3, "truncated": false, "replayed": false,
						"output": "{\\"status\\":200,\\"contentType\\":\\"application/json\\",\\"body\\":\\"{\\\\\\"applied\\\\\\":true}\\",\\"truncated\\":false}"}',
					1, now(), now())""")
			.param("tenant", tenant).param("id", run).param("arguments", arguments).update();
		owner.sql("insert into run_events (tenant_id, run_id, seq, type, data, at) values (:tenant, :id, 1, 'run_queued',"
				+ " '{}', now()), (:tenant, :id, 2, 'run_started', '{}', now())")
			.param("tenant", tenant).param("id", run).update();

		JsonNode done = awaitTerminal(run.toString());

		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
		assertThat(done.get("attempt").asInt()).isEqualTo(2);
		assertThat(done.get("output").asString()).isEqualTo("the effect is applied");
		assertThat(count(path)).as("the lost attempt's tool call is not repeated").isZero();
		Map<String, Long> byRule = sim.control().stats().byRule();
		assertThat(byRule.getOrDefault(marker + "-act", 0L)).as("the lost attempt's model call is not repeated").isZero();
		assertThat(byRule.getOrDefault(marker + "-answer", 0L)).isEqualTo(1L);
		assertThat(steps(run.toString())).filteredOn(step -> step.get("attempt").asInt() == 2)
			.extracting(step -> step.get("kind").asString() + ":" + step.get("output").get("replayed").asBoolean())
			.containsExactly("model_call:true", "tool_call:true", "model_call:false");
	}

	/** First model call: one POST to {@code path}; after its result: the answer. */
	private void effectRules(String marker, String path) {
		sim.control().addRule(ScriptRule.builder(marker + "-act").systemContains(marker).afterToolResult(false)
			.toolCall("http_request", Map.of("url", "http://127.0.0.1:" + effects.getAddress().getPort() + path, "method",
					"POST", "body", "{}"))
			.build());
		sim.control().addRule(ScriptRule.builder(marker + "-answer").systemContains(marker).afterToolResult(true)
			.replyText("the effect is applied").build());
	}

	private String agent(String marker) {
		Reply created = http.json("POST", "/api/v1/agents", "{\"name\":\"r-" + UUID.randomUUID() + "\",\"instructions\":\""
				+ "You apply effects. " + marker + "\",\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-echo\"}]},"
				+ "\"tools\":[{\"name\":\"http_request\"}]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/** A tool step with an effect on {@code stepPath}, the agent (with its own effect), and a transform of both. */
	private String workflow(String agent, String stepPath) {
		String definition = """
				{"name": "replay-%s", "start": "s1", "steps": [
				 {"id": "s1", "type": "tool", "tool": "http_request",
				  "input": {"url": "http://127.0.0.1:%d%s", "method": "POST", "body": "=$input.note"}, "next": "s2"},
				 {"id": "s2", "type": "agent", "agent": "%s", "input": "apply the effect", "next": "s3"},
				 {"id": "s3", "type": "transform", "expression": "$steps.s2.output & ' / ' & $string($steps.s1.output.status)"}]}"""
			.formatted(UUID.randomUUID(), effects.getAddress().getPort(), stepPath, agent);
		Reply created = http.json("POST", "/api/v1/workflows", definition);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private String startAgent(String agent, String input) {
		Reply reply = http.json("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"" + input + "\"}");
		assertThat(reply.status()).as(reply.body()).isEqualTo(202);
		return reply.json().get("id").asString();
	}

	private String startWorkflow(String workflow, String input) {
		Reply reply = http.json("POST", "/api/v1/workflows/" + workflow + "/runs", "{\"input\":" + input + "}");
		assertThat(reply.status()).as(reply.body()).isEqualTo(202);
		return reply.json().get("id").asString();
	}

	private JsonNode awaitTerminal(String run) {
		return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
			.until(() -> http.get("/api/v1/runs/" + run).json(), node -> TERMINAL.contains(node.get("status").asString()));
	}

	private List<JsonNode> steps(String run) {
		Reply reply = http.get("/api/v1/runs/" + run + "/steps");
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		return reply.json().get("items").valueStream().toList();
	}

	private static void assertProblem(Reply reply, int status, String code) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.json().path("code").asString()).isEqualTo(code);
	}

	private static int count(String path) {
		AtomicInteger count = REQUESTS.get(path);
		return count == null ? 0 : count.get();
	}
}

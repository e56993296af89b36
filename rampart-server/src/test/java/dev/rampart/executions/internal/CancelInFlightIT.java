package dev.rampart.executions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.sim.LatencyModel;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.ScriptRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cancel stops what is in flight (docs/runs.md, "Cancel"): a model call that would take 30 s, an agent's tool call and a
 * workflow's tool step against an API that answers after 30 s all end {@code cancelled} long before that, and the
 * interrupted tool call's row says {@code cancelled}.
 */
@ServerTest
@TestPropertySource(properties = { "rampart.runs.workers=4", "rampart.runs.poll-interval=200ms" })
class CancelInFlightIT {

	/** Well before the 30 s the model and the API take. */
	private static final Duration PROMPTLY = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	private final JsonMapper json = JsonMapper.shared();
	private final AtomicInteger arrived = new AtomicInteger();
	private HttpServer api;
	private HttpProbe owner;

	@BeforeEach
	void slowApiAndTenant() throws IOException {
		api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		api.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		api.createContext("/", exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				in.readAllBytes();
				arrived.incrementAndGet();
				Thread.sleep(30_000);
				byte[] answer = "{\"name\":\"Rex\"}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
			}
			catch (InterruptedException | IOException ex) {
				// the client went away
			}
			exchange.close();
		});
		api.start();
		String name = "cancel-" + UUID.randomUUID().toString().substring(0, 13);
		owner = HttpProbe.ownerOfNewTenant(port, name, "owner-" + UUID.randomUUID() + "@example.org",
				"sturdy-horse-battery-" + UUID.randomUUID());
		Reply allowed = owner.json("PUT", "/api/v1/tools/egress",
				"{\"allowedHosts\":[\"127.0.0.1:" + api.getAddress().getPort() + "\"]}");
		assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
	}

	@AfterEach
	void stop() {
		api.stop(0);
		sim.control().clearRules();
	}

	@Test
	void aCancelStopsAModelCallInFlight() {
		String marker = "stream-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).replyText("far too late")
			.latency(LatencyModel.fixed(30_000, 0)).build());
		String agent = agent("Slowly. " + marker, "[]");
		String run = startAgent(agent);
		await().atMost(PROMPTLY).until(() -> sim.control().stats().byRule().getOrDefault(marker, 0L) >= 1);

		cancel(run);

		JsonNode cancelled = awaitStatus(run, "cancelled");
		assertThat(cancelled.get("output").isNull()).isTrue();
		assertThat(eventTypes(run)).endsWith("finished", "run_cancelled").doesNotContain("model_call");
	}

	@Test
	void aCancelStopsAnAgentsToolCallInFlightAndItsRowSaysCancelled() throws IOException {
		String tool = toolSet();
		String marker = "tool-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).afterToolResult(false)
			.toolCall(tool, Map.of("petId", "rex")).build());
		sim.control().addRule(ScriptRule.builder(marker + "-answer").systemContains(marker).afterToolResult(true)
			.replyText("too late").build());
		String agent = agent("You look pets up. " + marker, "[{\"name\":\"" + tool + "\",\"required\":true,"
				+ "\"timeoutSeconds\":120}]");
		String run = startAgent(agent);
		await().atMost(PROMPTLY).until(() -> arrived.get() >= 1);

		cancel(run);

		awaitStatus(run, "cancelled");
		assertThat(steps(run)).extracting(step -> step.get("kind").asString() + ":" + step.get("status").asString())
			.containsExactly("model_call:succeeded", "tool_call:cancelled");
		assertThat(eventTypes(run)).endsWith("tool_finished", "finished", "run_cancelled");
	}

	@Test
	void aCancelStopsAWorkflowsToolStepInFlightAndItsRowSaysCancelled() throws IOException {
		String tool = toolSet();
		Reply created = owner.json("POST", "/api/v1/workflows", """
				{"name": "slow-%s", "start": "look", "steps": [
				 {"id": "look", "type": "tool", "tool": "%s", "input": {"petId": "rex"}, "timeoutSeconds": 120,
				  "next": "after"},
				 {"id": "after", "type": "transform", "expression": "'never'"}]}""".formatted(UUID.randomUUID(), tool));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		Reply started = owner.json("POST", "/api/v1/workflows/" + created.json().get("id").asString() + "/runs",
				"{\"input\":{}}");
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String run = started.json().get("id").asString();
		await().atMost(PROMPTLY).until(() -> arrived.get() >= 1);

		cancel(run);

		awaitStatus(run, "cancelled");
		assertThat(steps(run)).extracting(step -> step.get("name").asString() + ":" + step.get("status").asString())
			.containsExactly("look:cancelled");
		assertThat(eventTypes(run)).endsWith("run_cancelled");
	}

	/** The pets tool set against the slow API; answers the name of its tool that looks a pet up. */
	private String toolSet() throws IOException {
		String yaml;
		try (InputStream in = getClass().getResourceAsStream("/dev/rampart/tools/internal/petstore.yaml")) {
			yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Reply created = owner.json("POST", "/api/v1/tools/openapi", json.writeValueAsString(Map.of("name", "pets",
				"document", yaml, "baseUrl", "http://127.0.0.1:" + api.getAddress().getPort() + "/v1")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return "pets_show_pet_by_id";
	}

	private void cancel(String run) {
		Reply cancel = owner.json("POST", "/api/v1/runs/" + run + "/cancel", "{}");
		assertThat(cancel.status()).as(cancel.body()).isIn(200, 202);
	}

	private String startAgent(String agent) {
		Reply reply = owner.json("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"look up rex\"}");
		assertThat(reply.status()).as(reply.body()).isEqualTo(202);
		return reply.json().get("id").asString();
	}

	private JsonNode awaitStatus(String run, String status) {
		return await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(100))
			.until(() -> owner.get("/api/v1/runs/" + run).json(), node -> node.get("status").asString().equals(status));
	}

	private List<JsonNode> steps(String run) {
		return owner.get("/api/v1/runs/" + run + "/steps").json().get("items").valueStream().toList();
	}

	private List<String> eventTypes(String run) {
		return owner.get("/api/v1/runs/" + run + "/events").json().get("items").valueStream()
			.map(event -> event.get("type").asString()).toList();
	}

	private String agent(String instructions, String tools) {
		Reply created = owner.json("POST", "/api/v1/agents", "{\"name\":\"c-" + UUID.randomUUID() + "\",\"instructions\":\""
				+ instructions + "\",\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-echo\"}]},\"tools\":"
				+ tools + "}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}
}

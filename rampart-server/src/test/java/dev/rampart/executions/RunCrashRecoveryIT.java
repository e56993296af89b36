package dev.rampart.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.LaunchedServer;
import dev.rampart.sim.LatencyModel;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.ScriptRule;
import dev.rampart.sim.SimulatorOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue #8's first must-show, with real processes: the packaged server jar runs agent runs against PostgreSQL (started by
 * this test, outside the server, so it outlives the server's {@code kill -9}); each run makes one HTTP tool call to a
 * counting server on loopback and then waits on a slow model reply; the process is killed with SIGKILL while every run
 * waits, and started again. Every run must then finish, with exactly one terminal event, and no tool effect may be
 * applied twice: the counting server applies an effect once per {@code Idempotency-Key} (as a well-behaved API does), so
 * an effect repeats only if the resumed run sends a key it did not send before.
 *
 * <p>The second test runs two nodes (separate JVMs) on the one database: runs spread over both, and when one is
 * killed the other finishes its runs. (That a stale fencing token's write is refused is shown in-process by
 * {@code RunsIT}.)
 *
 * <p>The model and the effects live in this JVM (a simulator and an HTTP server), so they survive the kill too. Short
 * leases (4 s) keep it within a minute or two.
 */
class RunCrashRecoveryIT {

	private static final Duration START = Duration.ofSeconds(120);
	private static final String ADMIN = "crash-admin@example.org";
	private static final String PASSWORD = "granite-window-orchard-" + UUID.randomUUID();
	private static final int RUNS = 5;

	@TempDir
	Path temp;

	private EmbeddedPostgres postgres;
	private LlmSimulator sim;
	private HttpServer effects;
	/** Requests per Idempotency-Key, as the counting server saw them. */
	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	@BeforeEach
	void start() throws IOException, SQLException {
		Path target = Files.createDirectories(Path.of("target"));
		postgres = EmbeddedPostgres.builder()
			.setOverrideWorkingDirectory(target.resolve("pg-runtime").toAbsolutePath().toFile())
			.setDataDirectory(temp.resolve("pg"))
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("max_connections", "200")
			.start();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create role rampart_app login password 'app-" + PASSWORD + "'");
		}
		sim = LlmSimulator.start(SimulatorOptions.defaults());
		effects = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		effects.createContext("/effect", exchange -> {
			String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
			requests.computeIfAbsent(key == null ? "none" : key, k -> new AtomicInteger()).incrementAndGet();
			byte[] body = "{\"applied\":true}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		effects.start();
	}

	@AfterEach
	void stop() throws IOException {
		effects.stop(0);
		sim.close();
		postgres.close();
	}

	/** One node on the shared database, in its own data folder. */
	private LaunchedServer node(String name, int port) throws IOException, InterruptedException {
		return node(name, port, 16);
	}

	private LaunchedServer node(String name, int port, int workers) throws IOException, InterruptedException {
		Map<String, String> env = new HashMap<>();
		env.put("RAMPART_DATA_DIR", temp.resolve(name).toString());
		env.put("RAMPART_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
		env.put("RAMPART_DB_USER", "postgres");
		env.put("RAMPART_DB_PASSWORD", "postgres");
		env.put("RAMPART_DB_APP_USER", "rampart_app");
		env.put("RAMPART_DB_APP_PASSWORD", "app-" + PASSWORD);
		env.put("RAMPART_BOOTSTRAP_ADMIN_EMAIL", ADMIN);
		env.put("RAMPART_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
		env.put("RAMPART_TOOLS_EGRESS_ALLOWED_HOSTS", "127.0.0.1:" + effects.getAddress().getPort());
		env.put("RAMPART_RUNS_LEASE", "4s");
		env.put("RAMPART_RUNS_HEARTBEAT", "1s");
		env.put("RAMPART_RUNS_POLL_INTERVAL", "250ms");
		env.put("RAMPART_RUNS_NODE_ID", name);
		env.put("RAMPART_RUNS_WORKERS", Integer.toString(workers));
		env.put("RAMPART_GATEWAY_SCREENING_WARM_UP", "false");
		return LaunchedServer.start(port, env).awaitReady(START);
	}

	@Test
	void runsOfAKilledProcessFinishAfterRestartOnceEachAndNoToolEffectRepeats() throws Exception {
		int port = LaunchedServer.freePort();
		LaunchedServer first = node("node-a", port);
		HttpProbe http = HttpProbe.signedIn(port, ADMIN, PASSWORD);
		String marker = "crash-" + UUID.randomUUID();
		String agent = agent(http, marker);
		slowRules(marker);
		List<String> runs = new ArrayList<>();
		for (int i = 0; i < RUNS; i++) {
			Reply reply = http.json("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"charge the card\"}");
			assertThat(reply.status()).as(reply.body()).isEqualTo(202);
			runs.add(reply.json().get("id").asString());
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> effectsApplied() >= RUNS);

		first.kill();
		int keysBeforeTheCrash = requests.size();
		try (LaunchedServer restarted = node("node-a", port)) {
			HttpProbe again = HttpProbe.signedIn(port, ADMIN, PASSWORD);
			for (String run : runs) {
				JsonNode done = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
					.until(() -> again.get("/api/v1/runs/" + run).json(), node -> terminal(node.get("status").asString()));
				assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
				assertThat(done.get("output").asString()).isEqualTo("charged once");
				assertThat(done.get("attempt").asInt()).as("taken over after the crash").isGreaterThanOrEqualTo(2);
				assertThat(closingEvents(again, run)).as("terminal events of run %s", run).containsExactly("run_succeeded");
			}
		}
		assertThat(keysBeforeTheCrash).isEqualTo(RUNS);
		assertThat(effectsApplied()).as("effects applied (distinct Idempotency-Keys): %s", requests).isEqualTo(RUNS);
		for (String run : runs) {
			assertThat(requests.keySet().stream().filter(key -> key.startsWith(run))).as("effects of run %s", run).hasSize(1);
		}
	}

	@Test
	void runsSpreadOverTwoNodesOnOneDatabaseAndTheSurvivorFinishesTheKilledNodesRuns() throws Exception {
		int portA = LaunchedServer.freePort();
		int portB = LaunchedServer.freePort();
		LaunchedServer a = node("node-a", portA, 3);
		// the second node shares the first one's keyring: both read what the other encrypted (signing keys ...)
		Files.createDirectories(temp.resolve("node-b"));
		Files.copy(temp.resolve("node-a").resolve("keyring.json"), temp.resolve("node-b").resolve("keyring.json"));
		try (LaunchedServer b = node("node-b", portB, 3)) {
			HttpProbe http = HttpProbe.signedIn(portB, ADMIN, PASSWORD);
			String marker = "nodes-" + UUID.randomUUID();
			String agent = agent(http, marker);
			slowRules(marker);
			List<String> runs = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				Reply reply = http.json("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"charge the card\"}");
				assertThat(reply.status()).as(reply.body()).isEqualTo(202);
				runs.add(reply.json().get("id").asString());
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> effectsApplied() >= 6);
			List<String> firstNodes = runs.stream().map(run -> startedOn(http, run).getFirst()).toList();
			assertThat(firstNodes).as("each node holds three runs (three workers each)").containsOnly("node-a", "node-b")
				.contains("node-a", "node-b");

			a.kill();

			for (int i = 0; i < runs.size(); i++) {
				String run = runs.get(i);
				JsonNode done = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
					.until(() -> http.get("/api/v1/runs/" + run).json(), node -> terminal(node.get("status").asString()));
				assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
				assertThat(closingEvents(http, run)).as("terminal events of run %s", run).containsExactly("run_succeeded");
				if (firstNodes.get(i).equals("node-a")) {
					assertThat(startedOn(http, run)).as("run %s of the killed node", run).endsWith("node-b").hasSize(2);
				}
			}
		}
		assertThat(effectsApplied()).as("effects applied (distinct Idempotency-Keys): %s", requests).isEqualTo(6);
	}

	/** The nodes that started the run, attempt by attempt. */
	private static List<String> startedOn(HttpProbe http, String run) {
		return http.get("/api/v1/runs/" + run + "/events?limit=1000").json().get("items").valueStream()
			.filter(event -> event.get("type").asString().equals("run_started"))
			.map(event -> event.get("data").get("node").asString())
			.toList();
	}

	private static List<String> closingEvents(HttpProbe http, String run) {
		return http.get("/api/v1/runs/" + run + "/events?limit=1000").json().get("items").valueStream()
			.map(event -> event.get("type").asString())
			.filter(type -> type.startsWith("run_") && !type.equals("run_queued") && !type.equals("run_started"))
			.toList();
	}

	/** First model call: one effect; after its result: a slow answer, during which a process dies. */
	private void slowRules(String marker) {
		sim.control().addRule(ScriptRule.builder(marker + "-act").systemContains(marker).afterToolResult(false)
			.toolCall("http_request", Map.of("url", "http://127.0.0.1:" + effects.getAddress().getPort() + "/effect",
					"method", "POST", "body", "{\"charge\":1}"))
			.build());
		sim.control().addRule(ScriptRule.builder(marker + "-answer").systemContains(marker).afterToolResult(true)
			.replyText("charged once").latency(LatencyModel.fixed(6_000, 0)).build());
	}

	/** Effects the counting server applied: one per distinct Idempotency-Key. */
	private int effectsApplied() {
		return requests.size();
	}

	private static boolean terminal(String status) {
		return List.of("succeeded", "failed", "cancelled", "compensated").contains(status);
	}

	/** A tenant provider at this JVM's simulator and an agent on it with the http_request tool. */
	private String agent(HttpProbe http, String marker) {
		String provider = "crash-" + UUID.randomUUID().toString().substring(0, 8);
		Reply created = http.json("POST", "/api/v1/providers", "{\"id\":\"" + provider + "\",\"type\":\"sim\",\"baseUrl\":\""
				+ sim.baseUrl() + "/v1\",\"models\":[{\"name\":\"sim-echo\"}]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		Reply agent = http.json("POST", "/api/v1/agents", "{\"name\":\"c-" + UUID.randomUUID() + "\",\"instructions\":\""
				+ "You charge cards. " + marker + "\",\"model\":{\"chain\":[{\"provider\":\"" + provider
				+ "\",\"model\":\"sim-echo\"}]},\"tools\":[{\"name\":\"http_request\"}]}");
		assertThat(agent.status()).as(agent.body()).isEqualTo(201);
		return agent.json().get("id").asString();
	}
}

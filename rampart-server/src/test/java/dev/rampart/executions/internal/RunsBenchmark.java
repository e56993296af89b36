package dev.rampart.executions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.shared.TenantId;
import dev.rampart.sim.LatencyModel;
import dev.rampart.sim.LlmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * The run engine's performance targets (issue #8; docs/BENCHMARKS.md "Durable runs"). Not a test: runs only with
 * {@code -Druns.bench=true} ({@code ./rampart bench runs}); {@code -Druns.bench.part=latency|steps|wait|workflow} picks
 * one part.
 * <ul>
 * <li>{@code latency}: enqueue → start, {@code started_at − created_at} of runs enqueued one at a time at a steady pace
 * on an idle queue (both instants from the node's clock: the insert and its commit, the wake-up, the claim).</li>
 * <li>{@code steps}: durable step transitions per second at concurrency 64 ({@link RunJournal#record}: the fenced
 * update of the run, a step row and an event, one transaction) against a bare JDBC loop doing one insert + commit per
 * step on the same PostgreSQL and pool, interleaved.</li>
 * <li>{@code wait}: 10,000 agent runs whose model call takes 2 s on the built-in simulator
 * ({@code -Druns.bench.wait.latency-ms} to change it): all must succeed; the peak heap and how many ran at once are
 * reported.</li>
 * <li>{@code workflow}: completed runs per second of a trivial one-step workflow (one {@code transform}), started
 * through the HTTP API by keep-alive HTTP/1.1 clients ({@code POST /api/v1/workflows/{id}/runs}), then started in
 * process ({@link JdbcRuns#enqueue}); against n8n's published 220 trivial executions/s on 2 vCPU (issue #8). The rate
 * limits are raised so the clients are not refused (the limiter still runs).</li>
 * </ul>
 */
@ServerTest
@EnabledIfSystemProperty(named = "runs.bench", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = { "rampart.runs.workers=10000", "rampart.runs.tenant-concurrency=10000",
		"rampart.runs.lease=60s", "rampart.runs.heartbeat=10s",
		"rampart.gateway.rate-limits.plans.default.concurrent-runs=1000000",
		"rampart.providers.resilience.max-concurrent-calls=10000",
		"rampart.providers.resilience.first-token-timeout=300s", "rampart.providers.resilience.total-timeout=600s",
		"rampart.gateway.rate-limits.address=100000000/1m burst 10000000",
		"rampart.gateway.rate-limits.plans.default.principal=100000000/1m burst 10000000",
		"rampart.gateway.rate-limits.plans.default.tenant=100000000/1m burst 10000000",
		"rampart.gateway.rate-limits.plans.default.writes=100000000/1m burst 10000000",
		"rampart.gateway.rate-limits.plans.default.runs=100000000/1m burst 10000000",
		"rampart.db.pool.size=32",
		"rampart.db.pool.max-overflow=40" })
class RunsBenchmark {

	private static final String PART = System.getProperty("runs.bench.part", "all");
	private static final int CONCURRENCY = 64;
	private static final int WAITING_RUNS = Integer.getInteger("runs.bench.wait.runs", 10_000);
	/** The model's latency in the {@code wait} part: 2 s is the target's; 90 s keeps all 10,000 runs waiting at once. */
	private static final int WAIT_LATENCY_MS = Integer.getInteger("runs.bench.wait.latency-ms", 2_000);

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	private final JdbcRuns runs;
	private final RunJournal journal;
	private final DataSource dataSource;
	private final JdbcClient owner;

	@Autowired
	RunsBenchmark(JdbcRuns runs, RunJournal journal, DataSource dataSource) {
		this.runs = runs;
		this.journal = journal;
		this.dataSource = dataSource;
		this.owner = DatabaseOwner.jdbc(dataSource);
	}

	@AfterEach
	void latency() {
		sim.control().setLatency(LatencyModel.NONE);
	}

	@Test
	@Order(1)
	void enqueueToStart() throws IOException {
		if (!PART.equals("all") && !PART.equals("latency")) {
			return;
		}
		sim.control().setLatency(LatencyModel.NONE);
		UUID agent = agent();
		int warmup = Integer.getInteger("runs.bench.latency.warmup", 500);
		int measured = Integer.getInteger("runs.bench.latency.runs", 2_000);
		long paceNanos = Duration.ofMillis(Long.getLong("runs.bench.latency.pace-ms", 20)).toNanos();
		String warm = "user:bench-warm-" + UUID.randomUUID();
		String by = "user:bench-latency-" + UUID.randomUUID();
		long next = System.nanoTime();
		for (int i = 0; i < warmup + measured; i++) {
			LockSupport.parkNanos(next - System.nanoTime());
			next += paceNanos;
			runs.enqueue(new JdbcRuns.NewRun(TenantId.DEFAULT, "agent", agent, 1, StringNode.valueOf("ping"), null, null, 0,
					i < warmup ? warm : by, null, "-"));
		}
		awaitDone(by, Duration.ofMinutes(2));
		List<Double> millis = owner.sql("select extract(epoch from (started_at - created_at)) * 1000 from runs"
				+ " where created_by = :by order by 1").param("by", by).query(Double.class).list();
		int failed = owner.sql("select count(*) from runs where created_by = :by and status <> 'succeeded'")
			.param("by", by).query(Integer.class).single();
		String report = String.format(Locale.ROOT,
				"{\"part\":\"latency\",\"runs\":%d,\"paceMs\":%d,\"notSucceeded\":%d,\"cores\":%d,"
						+ "\"enqueueToStartMs\":{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"max\":%.3f}}",
				millis.size(), paceNanos / 1_000_000, failed, Runtime.getRuntime().availableProcessors(), pct(millis, 50),
				pct(millis, 90), pct(millis, 99), millis.getLast());
		publish("latency", report);
		assertThat(failed).isZero();
	}

	@Test
	@Order(2)
	void durableStepsAgainstABareJdbcLoop() throws Exception {
		if (!PART.equals("all") && !PART.equals("steps")) {
			return;
		}
		owner.sql("create table if not exists bench_steps (id bigserial primary key, run_id uuid not null, seq bigint not null,"
				+ " data jsonb not null, at timestamptz not null)").update();
		owner.sql("grant select, insert on bench_steps to rampart_app").update();
		owner.sql("grant usage on sequence bench_steps_id_seq to rampart_app").update();
		List<Fence> fences = new ArrayList<>();
		for (int i = 0; i < CONCURRENCY; i++) {
			UUID run = UUID.randomUUID();
			owner.sql("""
					insert into runs (tenant_id, id, kind, target_id, target_version, input, status, attempt, lease_owner,
						lease_expires_at, fencing_token, created_at, created_by, started_at, updated_at)
					values (:tenant, :id, 'agent', :agent, 1, '"bench"', 'running', 1, 'bench', now() + interval '1 day', 1, now(),
						'user:bench-steps', now(), now())""")
				.param("tenant", TenantId.DEFAULT.value()).param("id", run).param("agent", UUID.randomUUID())
				.update();
			fences.add(new Fence(TenantId.DEFAULT, run, 1));
		}
		Duration warmup = Duration.ofSeconds(Long.getLong("runs.bench.steps.warmup-s", 5));
		Duration window = Duration.ofSeconds(Long.getLong("runs.bench.steps.window-s", 15));
		long[] sequence = new long[CONCURRENCY];
		Stepper engine = (index, n) -> {
			Fence fence = fences.get(index);
			long seq = ++sequence[index];
			Instant now = Instant.now();
			journal.record(fence, List.of(new RunJournal.Event(seq, "bench_step", Map.of("n", n), now)),
					List.of(new RunJournal.Step((int) seq, "tool_call", "bench", "ok", null, Map.of("n", n), 1, now, now)));
		};
		Stepper bare = (index, n) -> {
			try (Connection connection = dataSource.getConnection()) {
				connection.setAutoCommit(false);
				try (PreparedStatement insert = connection.prepareStatement(
						"insert into bench_steps (run_id, seq, data, at) values (?, ?, cast(? as jsonb), now())")) {
					insert.setObject(1, fences.get(index).runId());
					insert.setLong(2, n);
					insert.setString(3, "{\"n\":" + n + "}");
					insert.executeUpdate();
				}
				connection.commit();
			}
		};
		measure(bare, warmup);
		measure(engine, warmup);
		double[] bareRates = new double[2];
		double[] engineRates = new double[2];
		for (int round = 0; round < 2; round++) {
			bareRates[round] = measure(bare, window);
			engineRates[round] = measure(engine, window);
		}
		double bareRate = (bareRates[0] + bareRates[1]) / 2;
		double engineRate = (engineRates[0] + engineRates[1]) / 2;
		int cores = Runtime.getRuntime().availableProcessors();
		String report = String.format(Locale.ROOT,
				"{\"part\":\"steps\",\"concurrency\":%d,\"windowS\":%d,\"cores\":%d,\"bareJdbcPerS\":[%.0f,%.0f],"
						+ "\"durableStepsPerS\":[%.0f,%.0f],\"ratio\":%.3f,\"durableStepsPerSPerCore\":%.0f,"
						+ "\"bareJdbcPerSPerCore\":%.0f}",
				CONCURRENCY, window.toSeconds(), cores, bareRates[0], bareRates[1], engineRates[0], engineRates[1],
				engineRate / bareRate, engineRate / cores, bareRate / cores);
		publish("steps", report);
	}

	@Test
	@Order(3)
	void tenThousandRunsWaitingOnTheSimulator() throws Exception {
		if (!PART.equals("all") && !PART.equals("wait")) {
			return;
		}
		UUID agent = agent();
		sim.control().setLatency(LatencyModel.fixed(WAIT_LATENCY_MS, 0));
		String by = "user:bench-wait-" + UUID.randomUUID();
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		long heapBefore = memory.getHeapMemoryUsage().getUsed();
		AtomicLong peakHeap = new AtomicLong();
		AtomicLong peakRunning = new AtomicLong();
		AtomicBoolean sampling = new AtomicBoolean(true);
		Thread heapSampler = Thread.ofPlatform().daemon().start(() -> {
			while (sampling.get()) {
				peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
			}
		});
		Thread runningSampler = Thread.ofPlatform().daemon().start(() -> {
			while (sampling.get()) {
				peakRunning.accumulateAndGet(owner.sql("select count(*) from runs where created_by = :by and status = 'running'")
					.param("by", by).query(Long.class).single(), Math::max);
				LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
			}
		});
		long start = System.nanoTime();
		try (ExecutorService enqueuers = Executors.newFixedThreadPool(8)) {
			for (int t = 0; t < 8; t++) {
				int first = t;
				enqueuers.submit(() -> {
					for (int i = first; i < WAITING_RUNS; i += 8) {
						runs.enqueue(new JdbcRuns.NewRun(TenantId.DEFAULT, "agent", agent, 1, StringNode.valueOf("wait for me"),
								null, null, 0, by, null, "-"));
					}
				});
			}
		}
		double enqueuedS = (System.nanoTime() - start) / 1e9;
		awaitDone(by, Duration.ofMinutes(15));
		double doneS = (System.nanoTime() - start) / 1e9;
		sampling.set(false);
		heapSampler.join();
		runningSampler.join();
		System.gc();
		long heapAfter = memory.getHeapMemoryUsage().getUsed();
		Map<String, Integer> statuses = new TreeMap<>();
		owner.sql("select status, count(*) as n from runs where created_by = :by group by status").param("by", by)
			.query((rs, n) -> statuses.put(rs.getString("status"), rs.getInt("n"))).list();
		int takeovers = owner.sql("select count(*) from run_events e join runs r on r.tenant_id = e.tenant_id and r.id = e.run_id"
				+ " where r.created_by = :by and e.type = 'run_started' and (e.data->>'takeover')::boolean")
			.param("by", by).query(Integer.class).single();
		List<String> errors = owner.sql("select error->>'code' || ': ' || left(error->>'technicalDetails', 200) from runs"
				+ " where created_by = :by and status = 'failed' group by 1 limit 5").param("by", by).query(String.class).list();
		String report = String.format(Locale.ROOT,
				"{\"part\":\"wait\",\"runs\":%d,\"modelLatencyMs\":%d,\"statuses\":%s,\"takeovers\":%d,\"errors\":%s,\"enqueuedInS\":%.1f,"
						+ "\"allDoneInS\":%.1f,\"peakRunningAtOnce\":%d,\"heapMaxMiB\":%d,\"heapBeforeMiB\":%d,"
						+ "\"peakHeapUsedMiB\":%d,\"heapAfterGcMiB\":%d,\"cores\":%d}",
				WAITING_RUNS, WAIT_LATENCY_MS, statuses.toString().replace("=", ":"), takeovers, errors.stream().map(e -> "\"" + e.replace("\"", "'") + "\"")
					.toList(), enqueuedS, doneS, peakRunning.get(), Runtime.getRuntime().maxMemory() >> 20, heapBefore >> 20,
				peakHeap.get() >> 20, heapAfter >> 20, Runtime.getRuntime().availableProcessors());
		publish("wait", report);
	}

	@Test
	@Order(4)
	void trivialWorkflowRunsPerSecond() throws Exception {
		if (!PART.equals("all") && !PART.equals("workflow")) {
			return;
		}
		int clients = Integer.getInteger("runs.bench.workflow.clients", 32);
		Duration warmup = Duration.ofSeconds(Long.getLong("runs.bench.workflow.warmup-s", 5));
		Duration window = Duration.ofSeconds(Long.getLong("runs.bench.workflow.window-s", 20));
		HttpProbe admin = HttpProbe.signedIn(port);
		String token = admin.json("POST", "/api/v1/auth/login", "{\"email\":\"" + HttpProbe.ADMIN_EMAIL
				+ "\",\"password\":\"" + HttpProbe.ADMIN_PASSWORD + "\"}").json().get("accessToken").asString();
		// HTTP/1.1 with keep-alive, one connection per client, as a load generator would
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		String body = "{\"input\":{\"name\":\"bench\",\"n\":1}}";
		JsonNode input = JsonMapper.builder().build().readTree(body).get("input");
		List<String> report = new ArrayList<>();
		for (String variant : List.of("http", "in-process")) {
			UUID warm = workflow(admin);
			UUID measured = workflow(admin);
			for (UUID workflow : List.of(warm, measured)) {
				URI uri = URI.create("http://localhost:" + port + "/api/v1/workflows/" + workflow + "/runs");
				HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
				AtomicLong refused = new AtomicLong();
				Stepper start = variant.equals("http") ? (index, n) -> {
					HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
					if (response.statusCode() != 202) {
						refused.incrementAndGet();
					}
				} : (index, n) -> runs.enqueue(new JdbcRuns.NewRun(TenantId.DEFAULT, "workflow", workflow, 1,
						input, null, null, 0, "user:bench-workflow", null, "-"));
				double startedPerS = measure(start, workflow.equals(warm) ? warmup : window, clients);
				awaitTarget(workflow, Duration.ofMinutes(5));
				if (workflow.equals(warm)) {
					continue;
				}
				Map<String, Object> figures = owner.sql("""
						select count(*) as runs, count(*) filter (where status = 'succeeded') as succeeded,
							extract(epoch from (max(ended_at) - min(created_at))) as seconds,
							percentile_cont(0.5) within group (order by extract(epoch from (ended_at - created_at)) * 1000) as p50,
							percentile_cont(0.99) within group (order by extract(epoch from (ended_at - created_at)) * 1000) as p99
						from runs where target_id = :workflow""").param("workflow", workflow).query().singleRow();
				long total = ((Number) figures.get("runs")).longValue();
				double seconds = ((Number) figures.get("seconds")).doubleValue();
				report.add(String.format(Locale.ROOT,
						"{\"variant\":\"%s\",\"clients\":%d,\"windowS\":%d,\"startedPerS\":%.0f,\"refused\":%d,"
								+ "\"runs\":%d,\"succeeded\":%s,\"completedPerS\":%.0f,\"createdToEndedMs\":{\"p50\":%.1f,"
								+ "\"p99\":%.1f}}",
						variant, clients, window.toSeconds(), startedPerS, refused.get(), total, figures.get("succeeded"),
						total / seconds, ((Number) figures.get("p50")).doubleValue(), ((Number) figures.get("p99")).doubleValue()));
			}
		}
		publish("workflow", "{\"part\":\"workflow\",\"cores\":" + Runtime.getRuntime().availableProcessors()
				+ ",\"results\":" + report + "}");
	}

	/** A one-step workflow: one {@code transform} that returns its input (n8n's "trivial execution"). */
	private UUID workflow(HttpProbe http) {
		HttpProbe.Reply reply = http.json("POST", "/api/v1/workflows", """
				{"name": "bench-%s", "start": "echo", "steps": [{"id": "echo", "type": "transform", "expression": "$input"}]}"""
			.formatted(UUID.randomUUID()));
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		return UUID.fromString(reply.json().get("id").asString());
	}

	private void awaitTarget(UUID target, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (owner.sql("select count(*) from runs where target_id = :target and status in ('queued', 'running')")
			.param("target", target).query(Integer.class).single() > 0) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("runs of " + target + " not done within " + timeout);
			}
			LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
		}
	}

	/** One durable step (or one bare insert) of worker {@code index}, its {@code n}th. */
	private interface Stepper {
		void step(int index, long n) throws Exception;
	}

	/** Steps per second at {@link #CONCURRENCY} workers, each stepping as fast as it can for {@code window}. */
	private static double measure(Stepper stepper, Duration window) throws Exception {
		return measure(stepper, window, CONCURRENCY);
	}

	/** Steps per second at {@code concurrency} workers, each stepping as fast as it can for {@code window}. */
	private static double measure(Stepper stepper, Duration window, int concurrency) throws Exception {
		AtomicLong steps = new AtomicLong();
		long deadline = System.nanoTime() + window.toNanos();
		long start = System.nanoTime();
		try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < concurrency; i++) {
				int index = i;
				done.add(workers.submit(() -> {
					long n = 0;
					while (System.nanoTime() < deadline) {
						stepper.step(index, ++n);
						steps.incrementAndGet();
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		return steps.get() / ((System.nanoTime() - start) / 1e9);
	}

	private void awaitDone(String by, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (owner.sql("select count(*) from runs where created_by = :by and status in ('queued', 'running')")
			.param("by", by).query(Integer.class).single() > 0) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("runs of " + by + " not done within " + timeout);
			}
			LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
		}
	}

	private UUID agent() {
		HttpProbe http = HttpProbe.signedIn(port);
		return UUID.fromString(http.json("POST", "/api/v1/agents", "{\"name\":\"bench-" + UUID.randomUUID()
				+ "\",\"instructions\":\"You echo.\",\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-echo\"}]}}")
			.json().get("id").asString());
	}

	private static double pct(List<Double> sorted, int percentile) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
	}

	private static void publish(String part, String report) throws IOException {
		System.out.println("RUNS BENCHMARK " + report);
		Files.writeString(Path.of("target", "runs-bench-" + part + ".json"), report + "\n");
	}
}

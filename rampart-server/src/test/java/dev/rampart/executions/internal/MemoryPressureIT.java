package dev.rampart.executions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.sim.LatencyModel;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.ScriptRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Memory-pressure admission (docs/runs.md, "Memory pressure") on a node with 4 workers whose heap gauge the test holds:
 * held high, the node runs one run at a time and the others stay queued; back low, the limit recovers and every run
 * succeeds, none dropped or failed.
 */
@ServerTest
@Import(MemoryPressureIT.Gauge.class)
@TestPropertySource(properties = { "rampart.runs.workers=4", "rampart.runs.tenant-concurrency=8",
		"rampart.runs.poll-interval=200ms", "rampart.runs.memory-pressure.sample-interval=50ms",
		"rampart.runs.memory-pressure.sustain=2", "rampart.runs.memory-pressure.minimum=1",
		"rampart.gateway.rate-limits.plans.default.concurrent-runs=1000" })
class MemoryPressureIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	/** A heap gauge the test sets. */
	static final class HeldGauge implements HeapGauge {

		volatile double occupancy = 0.10;

		@Override
		public double occupancy() {
			return occupancy;
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Gauge {

		@Bean
		@Primary
		HeldGauge heldGauge() {
			return new HeldGauge();
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	private final HeldGauge gauge;
	private final Admission admission;
	private final JdbcClient owner;

	@Autowired
	MemoryPressureIT(HeldGauge gauge, Admission admission, DataSource dataSource) {
		this.gauge = gauge;
		this.admission = admission;
		this.owner = DatabaseOwner.jdbc(dataSource);
	}

	@AfterEach
	void relieve() {
		gauge.occupancy = 0.10;
		sim.control().clearRules();
	}

	@Test
	void underSustainedPressureFewerRunsRunAndTheRestWaitQueuedUntilThePressureEnds() {
		HttpProbe http = HttpProbe.signedIn(port);
		String marker = "pressure-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).replyText("done")
			.latency(LatencyModel.fixed(1_000, 0)).build());
		String agent = agent(http, "Slowly. " + marker);
		gauge.occupancy = 0.95;
		await().atMost(WAIT).until(() -> admission.limit() == 1);

		List<String> runs = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			runs.add(start(http, agent, "go " + i));
		}

		// while the pressure holds: at most one of them runs at a time, the others wait queued, none fails
		List<Map<String, Integer>> seen = new ArrayList<>();
		await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
			Map<String, Integer> counts = counts(agent);
			seen.add(counts);
			return counts.getOrDefault("succeeded", 0) >= 2;
		});
		assertThat(seen).allSatisfy(counts -> assertThat(counts.getOrDefault("running", 0)).isLessThanOrEqualTo(1));
		assertThat(seen).anySatisfy(counts -> assertThat(counts.getOrDefault("queued", 0)).isGreaterThanOrEqualTo(2));
		assertThat(seen).allSatisfy(counts -> assertThat(counts).doesNotContainKeys("failed", "cancelled"));

		gauge.occupancy = 0.30;

		await().atMost(WAIT).until(() -> admission.limit() == 4);
		await().atMost(WAIT).until(() -> counts(agent).getOrDefault("succeeded", 0) == 4);
		assertThat(counts(agent)).containsOnlyKeys("succeeded");
		assertThat(runs).allSatisfy(run -> assertThat(http.get("/api/v1/runs/" + run).json().get("attempt").asInt())
			.isEqualTo(1));
	}

	@Test
	void withoutPressureEveryWorkerIsUsed() {
		HttpProbe http = HttpProbe.signedIn(port);
		String marker = "relaxed-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).replyText("done")
			.latency(LatencyModel.fixed(2_000, 0)).build());
		String agent = agent(http, "Slowly. " + marker);
		assertThat(admission.limit()).isEqualTo(4);

		for (int i = 0; i < 4; i++) {
			start(http, agent, "go " + i);
		}

		await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
			.until(() -> counts(agent).getOrDefault("running", 0) + counts(agent).getOrDefault("succeeded", 0) == 4
					&& counts(agent).getOrDefault("running", 0) >= 2);
		await().atMost(WAIT).until(() -> counts(agent).getOrDefault("succeeded", 0) == 4);
	}

	private Map<String, Integer> counts(String agent) {
		return owner.sql("select status, count(*)::int as n from runs where target_id = :agent group by status")
			.param("agent", UUID.fromString(agent))
			.query((rs, row) -> Map.entry(rs.getString("status"), rs.getInt("n")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static String start(HttpProbe http, String agent, String input) {
		Reply reply = http.json("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"" + input + "\"}");
		assertThat(reply.status()).as(reply.body()).isEqualTo(202);
		return reply.json().get("id").asString();
	}

	private static String agent(HttpProbe http, String instructions) {
		Reply created = http.json("POST", "/api/v1/agents", "{\"name\":\"p-" + UUID.randomUUID() + "\",\"instructions\":\""
				+ instructions + "\",\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-echo\"}]},\"tools\":[]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}
}

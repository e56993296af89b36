package dev.rampart.executions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.agents.Agents;
import dev.rampart.executions.SchedulesProperties;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.workflows.Workflows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cron schedules (docs/runs.md, "Schedules"): the API (validation, ETags, names, deletion), and the firing: the node's
 * own ticker is off, so each test drives its own tickers on a {@link MovableClock} and calls {@link ScheduleTicker#tick}
 * itself. Two tickers firing the same tick create one run; ticks missed during downtime fire once; a firing whose
 * target is gone records why and moves on.
 */
@ServerTest
@TestPropertySource(properties = { "rampart.schedules.enabled=false", "rampart.runs.poll-interval=200ms" })
class SchedulesIT {

	@LocalServerPort
	int port;

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final PlatformTransactionManager transactionManager;
	private final JsonMapper json;
	private final JdbcSchedules schedules;
	private final JdbcRuns runs;
	private final Agents agents;
	private final Workflows workflows;
	private final JdbcClient owner;
	private MovableClock clock;

	@Autowired
	SchedulesIT(JdbcClient jdbc, TenantTransactions transactions, PlatformTransactionManager transactionManager,
			JsonMapper json, JdbcSchedules schedules, JdbcRuns runs, Agents agents, Workflows workflows,
			DataSource dataSource) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.transactionManager = transactionManager;
		this.json = json;
		this.schedules = schedules;
		this.runs = runs;
		this.agents = agents;
		this.workflows = workflows;
		this.owner = DatabaseOwner.jdbc(dataSource);
	}

	@BeforeEach
	void clock() {
		clock = new MovableClock(Instant.now());
	}

	private ScheduleTicker ticker() {
		return new ScheduleTicker(jdbc, transactions, transactionManager, clock, json, schedules, runs, agents, workflows,
				new SchedulesProperties(true, Duration.ofSeconds(1), 200));
	}

	@Test
	void aScheduleIsCreatedReadListedReplacedWithItsETagAndDeleted() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http);
		String name = "nightly-" + UUID.randomUUID();

		Reply created = http.json("POST", "/api/v1/schedules", "{\"name\":\"" + name + "\",\"cron\":\"0 9 * * MON-FRI\","
				+ "\"timezone\":\"Europe/Berlin\",\"target\":{\"agentId\":\"" + agent + "\"},\"input\":\"report\"}");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode schedule = created.json();
		String id = schedule.get("id").asString();
		assertThat(created.header("Location")).isEqualTo("/api/v1/schedules/" + id);
		assertThat(created.header("ETag")).isEqualTo("\"1\"");
		assertThat(schedule.get("enabled").asBoolean()).isTrue();
		assertThat(schedule.get("target").get("agentId").asString()).isEqualTo(agent);
		assertThat(schedule.get("target").has("workflowId")).isFalse();
		ZonedDateTime next = Instant.parse(schedule.get("nextFireAt").asString()).atZone(ZoneId.of("Europe/Berlin"));
		assertThat(next.getHour()).isEqualTo(9);
		assertThat(next.getMinute()).isZero();
		assertThat(next.getDayOfWeek().getValue()).isBetween(1, 5);
		assertThat(http.get("/api/v1/schedules/" + id).json().get("name").asString()).isEqualTo(name);
		assertThat(http.get("/api/v1/schedules?limit=200").json().get("items").valueStream()
			.map(item -> item.get("id").asString())).contains(id);

		String disabled = "{\"name\":\"" + name + "\",\"cron\":\"@hourly\",\"target\":{\"agentId\":\"" + agent
				+ "\"},\"input\":\"report\",\"enabled\":false}";
		Reply stale = http.send("PUT", "/api/v1/schedules/" + id, disabled,
				Map.of("If-Match", "\"7\"", "Prefer", "strict-concurrency"));
		assertThat(stale.status()).as(stale.body()).isEqualTo(412);
		Reply replaced = http.send("PUT", "/api/v1/schedules/" + id, disabled, Map.of("If-Match", "\"1\""));
		assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
		assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
		assertThat(replaced.json().get("enabled").asBoolean()).isFalse();
		assertThat(replaced.json().get("nextFireAt").isNull()).isTrue();
		assertThat(replaced.json().get("timezone").asString()).isEqualTo("UTC");

		Reply taken = http.json("POST", "/api/v1/schedules", disabled);
		assertThat(taken.status()).as(taken.body()).isEqualTo(409);
		assertThat(taken.json().get("code").asString()).isEqualTo("SCHEDULE_NAME_TAKEN");

		assertThat(http.json("DELETE", "/api/v1/schedules/" + id, null).status()).isEqualTo(204);
		assertThat(http.get("/api/v1/schedules/" + id).status()).isEqualTo(404);
	}

	@Test
	void badCronsZonesAndTargetsAreNamedByField() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http);

		assertThat(fields(http.json("POST", "/api/v1/schedules", "{\"name\":\"b-" + UUID.randomUUID()
				+ "\",\"cron\":\"every morning\",\"timezone\":\"Mars/Olympus\",\"target\":{\"agentId\":\"" + agent
				+ "\",\"workflowId\":\"" + UUID.randomUUID() + "\"},\"input\":\"x\"}"))).containsExactlyInAnyOrder("cron",
						"timezone", "target");
		assertThat(fields(http.json("POST", "/api/v1/schedules", "{\"name\":\"b-" + UUID.randomUUID()
				+ "\",\"cron\":\"0 0 30 2 *\",\"target\":{\"agentId\":\"" + agent + "\"},\"input\":\"x\"}")))
			.containsExactly("cron");
		assertThat(fields(http.json("POST", "/api/v1/schedules", "{\"name\":\"b-" + UUID.randomUUID()
				+ "\",\"cron\":\"* * * * *\",\"target\":{\"agentId\":\"" + UUID.randomUUID() + "\"},\"input\":\"x\"}")))
			.containsExactly("target.agentId");
		assertThat(fields(http.json("POST", "/api/v1/schedules", "{\"name\":\"b-" + UUID.randomUUID()
				+ "\",\"cron\":\"* * * * *\",\"target\":{\"agentId\":\"" + agent + "\"},\"input\":{\"not\":\"text\"}}")))
			.containsExactly("input");
	}

	@Test
	void twoTickersFiringTheSameTickCreateOneRunWhichRunsToItsResult() throws Exception {
		HttpProbe http = HttpProbe.signedIn(port);
		UUID id = hourly(http, agent(http), "tick input");
		Instant due = Instant.parse(http.get("/api/v1/schedules/" + id).json().get("nextFireAt").asString());
		clock.advance(Duration.between(clock.instant(), due).plusSeconds(1));
		ScheduleTicker first = ticker();
		ScheduleTicker second = ticker();

		CountDownLatch go = new CountDownLatch(1);
		List<ScheduleTicker.Firing> firings = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			List<Future<List<ScheduleTicker.Firing>>> ticks = new ArrayList<>();
			for (ScheduleTicker ticker : List.of(first, second)) {
				ticks.add(pool.submit(() -> {
					go.await();
					return ticker.tick();
				}));
			}
			go.countDown();
			for (Future<List<ScheduleTicker.Firing>> tick : ticks) {
				firings.addAll(tick.get());
			}
		}
		firings.addAll(first.tick());
		firings.addAll(second.tick());

		List<ScheduleTicker.Firing> ours = firings.stream().filter(firing -> firing.scheduleId().equals(id)).toList();
		assertThat(ours).singleElement().satisfies(firing -> assertThat(firing.tick()).isEqualTo(due));
		assertThat(runsOf(id)).hasSize(1);
		UUID run = ours.getFirst().runId();
		assertThat(run).isNotNull();
		JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> http.get("/api/v1/runs/" + run).json(), node -> node.get("status").asString().equals("succeeded"));
		assertThat(done.get("output").asString()).isEqualTo("tick input");
		JsonNode schedule = http.get("/api/v1/schedules/" + id).json();
		assertThat(schedule.get("lastRunId").asString()).isEqualTo(run.toString());
		assertThat(Instant.parse(schedule.get("lastFiredAt").asString())).isEqualTo(due);
		assertThat(Instant.parse(schedule.get("nextFireAt").asString())).isEqualTo(due.plus(Duration.ofHours(1)));
		assertThat(owner.sql("select idempotency_key from runs where id = :id").param("id", run).query(String.class).single())
			.isEqualTo("schedule:" + id + ":" + due);
	}

	@Test
	void ticksMissedWhileNoNodeWasUpFireOnceNotAsABurst() {
		HttpProbe http = HttpProbe.signedIn(port);
		UUID id = hourly(http, agent(http), "after downtime");
		Instant due = Instant.parse(http.get("/api/v1/schedules/" + id).json().get("nextFireAt").asString());
		clock.advance(Duration.between(clock.instant(), due).plus(Duration.ofMinutes(5 * 60 + 30)));

		List<ScheduleTicker.Firing> firings = ticker().tick();
		firings.addAll(ticker().tick());

		assertThat(firings.stream().filter(firing -> firing.scheduleId().equals(id))).hasSize(1);
		assertThat(runsOf(id)).hasSize(1);
		Instant next = Instant.parse(http.get("/api/v1/schedules/" + id).json().get("nextFireAt").asString());
		assertThat(next).isEqualTo(due.plus(Duration.ofHours(6))).isAfter(clock.instant());
	}

	@Test
	void aFiringWhoseAgentIsGoneRecordsWhyAndTheScheduleMovesOn() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http);
		UUID id = hourly(http, agent, "nobody home");
		UUID disabled = hourly(http, agent, "never");
		Reply off = http.json("PUT", "/api/v1/schedules/" + disabled, "{\"name\":\"off-" + UUID.randomUUID()
				+ "\",\"cron\":\"@hourly\",\"target\":{\"agentId\":\"" + agent + "\"},\"input\":\"never\",\"enabled\":false}");
		assertThat(off.status()).as(off.body()).isEqualTo(200);
		assertThat(http.json("DELETE", "/api/v1/agents/" + agent, null).status()).isEqualTo(204);
		Instant due = Instant.parse(http.get("/api/v1/schedules/" + id).json().get("nextFireAt").asString());
		clock.advance(Duration.between(clock.instant(), due).plusSeconds(1));

		List<ScheduleTicker.Firing> firings = ticker().tick();

		assertThat(firings.stream().filter(firing -> firing.scheduleId().equals(id))).singleElement()
			.satisfies(firing -> assertThat(firing.runId()).isNull());
		assertThat(firings.stream().filter(firing -> firing.scheduleId().equals(disabled))).isEmpty();
		JsonNode schedule = http.get("/api/v1/schedules/" + id).json();
		assertThat(schedule.get("lastError").get("code").asString()).isEqualTo("RESOURCE_NOT_FOUND");
		assertThat(Instant.parse(schedule.get("nextFireAt").asString())).isAfter(clock.instant());
		assertThat(runsOf(id)).isEmpty();
	}

	private List<UUID> runsOf(UUID schedule) {
		return owner.sql("select id from runs where created_by = :by").param("by", "schedule:" + schedule)
			.query(UUID.class).list();
	}

	private static UUID hourly(HttpProbe http, String agent, String input) {
		Reply created = http.json("POST", "/api/v1/schedules", "{\"name\":\"h-" + UUID.randomUUID()
				+ "\",\"cron\":\"0 * * * *\",\"target\":{\"agentId\":\"" + agent + "\"},\"input\":\"" + input + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return UUID.fromString(created.json().get("id").asString());
	}

	private static List<String> fields(Reply reply) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(400);
		return reply.json().get("errors").valueStream().map(error -> error.get("field").asString()).toList();
	}

	private static String agent(HttpProbe http) {
		Reply created = http.json("POST", "/api/v1/agents", "{\"name\":\"s-" + UUID.randomUUID() + "\",\"instructions\":"
				+ "\"You echo.\",\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-echo\"}]}}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}
}

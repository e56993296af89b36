package dev.rampart.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.shared.TenantId;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue #9's tracing must-show (docs/observability.md): an agent run with one tool call and one memory recall is one
 * trace, HTTP request → run → agent step → memory recall, model calls → tool call, with the guidelines' attributes; its
 * SQL statements are client spans under the span that ran them, without their bind values; a run taken over after its node died joins the trace saved when it was enqueued; a problem response names its trace;
 * and the Prometheus endpoint shows the run metrics after a run. Spans are collected by an in-memory exporter.
 */
@ServerTest
@TestPropertySource(properties = { "rampart.runs.heartbeat=500ms", "rampart.runs.lease=3s",
		"rampart.runs.poll-interval=200ms" })
class TracingIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@TestConfiguration
	static class Exporter {

		@Bean
		CollectedSpans collectedSpans() {
			return new CollectedSpans();
		}
	}

	@LocalServerPort
	int port;

	private final CollectedSpans spans;
	private final JdbcClient owner;

	@Autowired
	TracingIT(CollectedSpans spans, DataSource dataSource) {
		this.spans = spans;
		this.owner = DatabaseOwner.jdbc(dataSource);
	}

	@Test
	void anAgentRunWithAToolCallAndAMemoryRecallIsOneSpanTreeUnderItsRequest() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http, "trace-" + UUID.randomUUID());

		String run = http.json("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"what is 2 + 3?\"}").json()
			.get("id").asString();
		awaitStatus(http, run, "succeeded");
		String traceparent = owner.sql("select traceparent from runs where id = :id").param("id", UUID.fromString(run))
			.query(String.class).single();
		String traceId = traceparent.split("-")[1];

		await().atMost(WAIT).until(() -> named(traceId, "rampart.tools.calls").isPresent()
				&& named(traceId, "rampart.run").filter(span -> span.getAttributes().get(key("status")) != null).isPresent());
		SpanData request = spans.of(traceId).stream().filter(span -> span.getParentSpanContext().isValid() == false)
			.findFirst().orElseThrow();
		SpanData runSpan = named(traceId, "rampart.run").orElseThrow();
		SpanData step = named(traceId, "rampart.agent.step").orElseThrow();
		SpanData recall = named(traceId, "rampart.memory.recall").orElseThrow();
		List<SpanData> modelCalls = spans.of(traceId).stream().filter(span -> observation(span).equals("rampart.agent.model-call"))
			.toList();
		SpanData tool = named(traceId, "rampart.tools.calls").orElseThrow();

		assertThat(request.getName()).startsWith("http post");
		// the run's parent is the span that was current when the request enqueued it, inside the request's span
		assertThat(runSpan.getParentSpanId()).isEqualTo(traceparent.split("-")[2]);
		assertThat(ancestors(traceId, runSpan)).contains(request.getSpanId());
		assertThat(step.getParentSpanId()).isEqualTo(runSpan.getSpanId());
		assertThat(recall.getParentSpanId()).isEqualTo(step.getSpanId());
		assertThat(modelCalls).hasSize(2).allSatisfy(call -> assertThat(call.getParentSpanId()).isEqualTo(step.getSpanId()));
		assertThat(tool.getParentSpanId()).isEqualTo(step.getSpanId());

		assertThat(runSpan.getAttributes().get(key("agent.id"))).isEqualTo(agent);
		assertThat(runSpan.getAttributes().get(key("tenant.id"))).isEqualTo(TenantId.DEFAULT.toString());
		assertThat(runSpan.getAttributes().get(key("input.size"))).isNotBlank();
		assertThat(runSpan.getAttributes().get(key("execution.success"))).isEqualTo("true");
		assertThat(runSpan.getAttributes().get(key("status"))).isEqualTo("succeeded");
		assertThat(step.getAttributes().get(key("agent.id"))).isEqualTo(agent);
		assertThat(step.getAttributes().get(key("execution.success"))).isEqualTo("true");
		assertThat(step.getAttributes().get(key("input.size"))).isEqualTo("14");
		SpanData first = modelCalls.stream().filter(call -> call.getAttributes().get(key("round")).equals("1")).findFirst()
			.orElseThrow();
		assertThat(first.getAttributes().get(key("gen_ai.system"))).isEqualTo("sim");
		assertThat(first.getAttributes().get(key("gen_ai.request.model"))).isEqualTo("sim-tools");
		assertThat(Integer.parseInt(first.getAttributes().get(key("gen_ai.usage.input_tokens")))).isPositive();
		assertThat(first.getAttributes().get(key("gen_ai.usage.output_tokens"))).isNotNull();
		assertThat(first.getAttributes().get(key("gen_ai.response.finish_reasons"))).isNotBlank();
		assertThat(tool.getAttributes().get(key("gen_ai.tool.name"))).isEqualTo("calculator");
		assertThat(tool.getAttributes().get(key("execution.success"))).isEqualTo("true");
		assertThat(tool.getAttributes().get(key("tenant.id"))).isEqualTo(TenantId.DEFAULT.toString());
	}

	@Test
	void statementsAreClientSpansUnderTheSpanThatRanThemAndNeverCarryTheirBindValues() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http, "db-" + UUID.randomUUID());
		Reply remembered = http.json("POST", "/api/v1/agents/" + agent + "/memories", "{\"text\":\"two plus three is five\"}");
		assertThat(remembered.status()).as(remembered.body()).isEqualTo(201);
		// the input is a bind value of the statements that store the run, its events and its step
		String secret = "bind-secret-" + UUID.randomUUID();

		String run = http.json("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"what is 2 + 3? " + secret + "\"}")
			.json().get("id").asString();
		awaitStatus(http, run, "succeeded");
		String traceId = owner.sql("select traceparent from runs where id = :id").param("id", UUID.fromString(run))
			.query(String.class).single().split("-")[1];

		await().atMost(WAIT).until(() -> named(traceId, "rampart.run")
			.filter(span -> span.getAttributes().get(key("status")) != null).isPresent());
		SpanData request = spans.of(traceId).stream().filter(span -> !span.getParentSpanContext().isValid()).findFirst()
			.orElseThrow();
		SpanData runSpan = named(traceId, "rampart.run").orElseThrow();
		SpanData step = named(traceId, "rampart.agent.step").orElseThrow();
		SpanData recall = named(traceId, "rampart.memory.recall").orElseThrow();
		List<SpanData> statements = spans.of(traceId).stream().filter(span -> span.getAttributes().get(key("db.system.name")) != null)
			.toList();

		assertThat(statements).isNotEmpty().allSatisfy(statement -> {
			assertThat(statement.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(statement.getAttributes().get(key("db.system.name"))).isEqualTo("postgresql");
			assertThat(statement.getAttributes().get(key("db.operation.name"))).isNotBlank();
			assertThat(statement.getAttributes().get(key("db.query.text"))).isNotBlank();
			assertThat(statement.getName()).isEqualTo(statement.getAttributes().get(key("db.operation.name")));
		});
		// the recall's read of the memories it found, under the recall
		assertThat(statements).anySatisfy(statement -> {
			assertThat(statement.getParentSpanId()).isEqualTo(recall.getSpanId());
			assertThat(statement.getAttributes().get(key("db.operation.name"))).isEqualTo("SELECT");
			assertThat(statement.getAttributes().get(key("db.query.text"))).contains("from memories");
			assertThat(statement.getAttributes().get(key("tenant.id"))).isEqualTo(TenantId.DEFAULT.toString());
		});
		// the journal's writes of the run's events, under the run or its step
		assertThat(statements).anySatisfy(statement -> {
			assertThat(statement.getParentSpanId()).isIn(runSpan.getSpanId(), step.getSpanId());
			assertThat(statement.getAttributes().get(key("db.query.text"))).contains("run_events");
		});
		// the request's own statements (the run's insert), inside the request's span
		assertThat(statements).anySatisfy(statement -> {
			assertThat(ancestors(traceId, statement)).contains(request.getSpanId()).doesNotContain(runSpan.getSpanId());
			assertThat(statement.getAttributes().get(key("db.query.text"))).contains("insert into runs");
		});
		assertThat(spans.of(traceId)).allSatisfy(span -> {
			assertThat(span.getAttributes().asMap().values()).noneMatch(value -> String.valueOf(value).contains(secret));
			assertThat(span.getEvents()).noneMatch(event -> event.getAttributes().asMap().values().stream()
				.anyMatch(value -> String.valueOf(value).contains(secret)));
			assertThat(String.valueOf(span.getStatus().getDescription())).doesNotContain(secret);
		});
		// statements made outside any observation (the queue's poll, heartbeats, listeners) make no spans of their own
		assertThat(spans.all()).filteredOn(span -> span.getAttributes().get(key("db.system.name")) != null)
			.allSatisfy(statement -> assertThat(statement.getParentSpanContext().isValid()).isTrue());
	}

	@Test
	void aRunTakenOverAfterItsNodeDiedJoinsTheTraceSavedWhenItWasEnqueued() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http, "takeover-" + UUID.randomUUID());
		String traceId = UUID.randomUUID().toString().replace("-", "");
		String parent = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		UUID run = UUID.randomUUID();
		owner.sql("""
				with dead as (
					insert into runs (tenant_id, id, kind, target_id, target_version, input, status, attempt, lease_owner,
						lease_expires_at, fencing_token, created_at, created_by, started_at, updated_at, traceparent)
					values (:tenant, :id, 'agent', :agent, 1, '"what is 2 + 3?"', 'running', 1, 'dead-node',
						now() - interval '1 second', 7, now(), 'user:fixture', now(), now(), :traceparent)
					returning tenant_id, id)
				insert into run_events (tenant_id, run_id, seq, type, data, at)
				select tenant_id, id, 1, 'run_queued', '{}'::jsonb, now() from dead
				union all select tenant_id, id, 2, 'run_started', '{}'::jsonb, now() from dead""")
			.param("tenant", TenantId.DEFAULT.value()).param("id", run).param("agent", UUID.fromString(agent))
			.param("traceparent", "00-" + traceId + "-" + parent + "-01")
			.update();

		awaitStatus(http, run.toString(), "succeeded");

		await().atMost(WAIT).until(() -> named(traceId, "rampart.run").isPresent());
		SpanData resumed = named(traceId, "rampart.run").orElseThrow();
		assertThat(resumed.getParentSpanId()).isEqualTo(parent);
		assertThat(resumed.getAttributes().get(key("run.id"))).isEqualTo(run.toString());
		assertThat(resumed.getAttributes().get(key("run.attempt"))).isEqualTo("2");
	}

	@Test
	void aProblemResponseNamesTheTraceOfItsRequest() {
		Reply missing = HttpProbe.signedIn(port).get("/api/v1/runs/" + UUID.randomUUID());

		assertThat(missing.status()).isEqualTo(404);
		String traceId = missing.json().get("traceId").asString();
		assertThat(traceId).matches("[0-9a-f]{32}");
		await().atMost(WAIT).until(() -> !spans.of(traceId).isEmpty());
	}

	@Test
	void prometheusShowsTheRunMetricsAfterARun() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http, "metrics-" + UUID.randomUUID());
		String run = http.json("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"what is 2 + 3?\"}").json()
			.get("id").asString();
		awaitStatus(http, run, "succeeded");

		await().atMost(WAIT).untilAsserted(() -> assertThat(new HttpProbe(port).get("/actuator/prometheus").body())
			.contains("rampart_runs_ended_total{status=\"succeeded\",tenant=\"" + TenantId.DEFAULT + "\"}")
			.contains("rampart_run_seconds_bucket{")
			.contains("rampart_runs_queue_wait_seconds_bucket{")
			.contains("rampart_runs_active{")
			.contains("rampart_agent_step_seconds_bucket{")
			.contains("rampart_agent_model_call_seconds_bucket{")
			.contains("rampart_tools_calls_seconds_bucket{")
			.contains("rampart_memory_recall_seconds_bucket{")
			.contains("rampart_model_tokens_total{model=\"sim-tools\",provider=\"sim\",type=\"input\"}")
			.contains("rampart_model_cost_usd_total{")
			.contains("rampart_providers_breaker_state{")
			.contains("rampart_providers_cache_requests_total{")
			.contains("rampart_gateway_rate_limited_total{")
			.contains("hikaricp_connections_active{")
			.contains("rampart_db_query_seconds_count{db_operation_name=\"SELECT\",db_system_name=\"postgresql\",error=\"none\"")
			.contains("http_server_requests_seconds_bucket{"));
	}

	private List<String> ancestors(String traceId, SpanData span) {
		List<String> ids = new ArrayList<>();
		String parent = span.getParentSpanId();
		while (true) {
			String id = parent;
			Optional<SpanData> found = spans.of(traceId).stream().filter(s -> s.getSpanId().equals(id)).findFirst();
			if (found.isEmpty()) {
				return ids;
			}
			ids.add(id);
			parent = found.get().getParentSpanId();
		}
	}

	private Optional<SpanData> named(String traceId, String observation) {
		return spans.of(traceId).stream().filter(span -> observation(span).equals(observation)).findFirst();
	}

	/** The observation a span came from: Micrometer names the span by the contextual name, the key stays. */
	private static String observation(SpanData span) {
		String name = span.getName();
		if (name.startsWith("run ")) {
			return "rampart.run";
		}
		return switch (name) {
			case "agent step" -> "rampart.agent.step";
			case "memory recall" -> "rampart.memory.recall";
			case "chat" -> "rampart.agent.model-call";
			default -> name.startsWith("execute_tool ") ? "rampart.tools.calls" : name;
		};
	}

	private static AttributeKey<String> key(String name) {
		return AttributeKey.stringKey(name);
	}

	private static String agent(HttpProbe http, String name) {
		Reply created = http.json("POST", "/api/v1/agents", "{\"name\":\"" + name + "\",\"instructions\":\"You compute.\","
				+ "\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-tools\"}]},"
				+ "\"tools\":[{\"name\":\"calculator\",\"required\":true}],\"memory\":{\"enabled\":true}}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private static void awaitStatus(HttpProbe http, String run, String status) {
		await().atMost(WAIT).until(() -> http.get("/api/v1/runs/" + run).json().get("status").asString().equals(status));
	}
}

package dev.rampart.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.FrozenClock;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.tools.ToolSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Workflow runs (docs/runs.md, "Workflow runs") on a node whose clock stands still until a test moves it: sagas that
 * compensate exactly the completed steps in reverse, a takeover during compensation and during a step that resumes from
 * the checkpoint without repeating a completed effect, approval with its reject and timeout paths, durable retries with
 * backoff, retry from the failed step, optional steps, data flow through transforms, conditions, maps and loops, and
 * idempotency keys. Effects are counted by the test tools ({@link EffectTools}).
 */
@ServerTest
@Import(FrozenClock.class)
@TestPropertySource(properties = { "rampart.runs.workers=4", "rampart.runs.lease=3s", "rampart.runs.heartbeat=1s",
		"rampart.runs.poll-interval=100ms" })
class WorkflowRunsIT {

	private static final Duration WAIT = Duration.ofSeconds(60);
	private static final List<String> TERMINAL = List.of("succeeded", "failed", "compensated", "cancelled");

	@TestConfiguration
	static class Tools {

		@Bean
		ToolSource effectTools() {
			return new EffectTools();
		}
	}

	@LocalServerPort
	int port;

	private final MovableClock clock;
	private final JdbcClient owner;

	@Autowired
	WorkflowRunsIT(Clock clock, DataSource dataSource) {
		this.clock = (MovableClock) clock;
		this.owner = DatabaseOwner.jdbc(dataSource);
	}

	@AfterEach
	void reset() {
		EffectTools.failing.clear();
		EffectTools.blockOnce.keySet().forEach(EffectTools::release);
	}

	@Test
	void aFailureAtEachPositionOfFiveStepsCompensatesExactlyTheCompletedStepsInReverseOrder() {
		for (int failAt = 1; failAt <= 5; failAt++) {
			// a tenant per position: the failures would open the tool's breaker of one tenant
			HttpProbe http = newTenant();
			String workflow = create(http, sagaOfFive());
			String tag = tag();
			EffectTools.failing.add(tag + "-s" + failAt);

			String run = start(http, workflow, "{\"tag\":\"" + tag + "\"}");

			JsonNode done = awaitTerminal(http, run);
			List<String> completed = new ArrayList<>();
			List<String> undone = new ArrayList<>();
			for (int i = 1; i < failAt; i++) {
				completed.add(tag + "-s" + i);
				undone.addFirst(tag + "-u" + i);
			}
			assertThat(EffectTools.effects("wf_effect", tag)).as("effects, failing at %d", failAt)
				.containsExactlyElementsOf(withFailed(completed, tag + "-s" + failAt));
			assertThat(EffectTools.effects("wf_undo", tag)).as("compensations, failing at %d", failAt)
				.containsExactlyElementsOf(undone);
			assertThat(done.get("status").asString()).isEqualTo(failAt == 1 ? "failed" : "compensated");
			assertThat(done.get("error").get("code").asString()).isEqualTo("WORKFLOW_STEP_FAILED");
			assertThat(done.get("error").get("technicalDetails").asString()).contains("s" + failAt);
		}
	}

	@Test
	void aCompensationThatFailsEndsTheRunFailedWithCompensationFailed() {
		HttpProbe http = newTenant();
		String workflow = create(http, sagaOfFive());
		String tag = tag();
		EffectTools.failing.add(tag + "-s4");
		EffectTools.failing.add(tag + "-u2");

		String run = start(http, workflow, "{\"tag\":\"" + tag + "\"}");

		JsonNode done = awaitTerminal(http, run);
		assertThat(done.get("status").asString()).isEqualTo("failed");
		assertThat(done.get("error").get("code").asString()).isEqualTo("COMPENSATION_FAILED");
		assertThat(EffectTools.effects("wf_undo", tag)).containsExactly(tag + "-u3", tag + "-u2");
		assertThat(eventTypes(http, run)).contains("compensation_started", "compensation_failed", "run_failed");
	}

	@Test
	void aTakeoverDuringCompensationResumesTheSagaWithoutRepeatingCompletedCompensations() throws Exception {
		HttpProbe http = newTenant();
		String workflow = create(http, sagaOfFive());
		String tag = tag();
		EffectTools.failing.add(tag + "-s4");
		CountDownLatch undoing = EffectTools.block(tag + "-u2");

		String run = start(http, workflow, "{\"tag\":\"" + tag + "\"}");
		assertThat(undoing.await(60, TimeUnit.SECONDS)).isTrue();
		assertThat(http.get("/api/v1/runs/" + run).json().get("status").asString()).isEqualTo("compensating");
		loseLease(run);

		JsonNode done = awaitTerminal(http, run);
		EffectTools.release(tag + "-u2");
		assertThat(done.get("status").asString()).isEqualTo("compensated");
		assertThat(done.get("attempt").asInt()).isEqualTo(2);
		assertThat(EffectTools.effects("wf_undo", tag)).containsExactly(tag + "-u3", tag + "-u2", tag + "-u1");
		assertThat(EffectTools.calls("wf_undo", tag + "-u3")).hasSize(1);
		assertThat(EffectTools.calls("wf_undo", tag + "-u2")).hasSize(2)
			.extracting(EffectTools.Call::key).containsOnly(EffectTools.calls("wf_undo", tag + "-u2").getFirst().key());
	}

	@Test
	void aTakeoverMidStepResumesFromTheCheckpointAndDoesNotRepeatACompletedEffect() throws Exception {
		HttpProbe http = newTenant();
		String workflow = create(http, sagaOfFive());
		String tag = tag();
		CountDownLatch inThird = EffectTools.block(tag + "-s3");

		String run = start(http, workflow, "{\"tag\":\"" + tag + "\"}");
		assertThat(inThird.await(60, TimeUnit.SECONDS)).isTrue();
		loseLease(run);

		JsonNode done = awaitTerminal(http, run);
		EffectTools.release(tag + "-s3");
		assertThat(done.get("status").asString()).isEqualTo("succeeded");
		assertThat(done.get("output").get("done").asString()).isEqualTo(tag + "-s5");
		assertThat(EffectTools.effects("wf_effect", tag))
			.containsExactly(tag + "-s1", tag + "-s2", tag + "-s3", tag + "-s4", tag + "-s5");
		assertThat(EffectTools.calls("wf_effect", tag + "-s1")).hasSize(1);
		assertThat(EffectTools.calls("wf_effect", tag + "-s2")).hasSize(1);
		assertThat(EffectTools.calls("wf_effect", tag + "-s3")).hasSize(2);
		assertThat(eventTypes(http, run)).filteredOn(type -> type.equals("run_started")).hasSize(2);
	}

	@Test
	void anApprovalWaitsAndGoesOnWhenApprovedTakesOnRejectWhenRejectedAndOnTimeoutWhenNobodyAnswers() {
		HttpProbe http = newTenant();
		String workflow = create(http, """
				{"name": "approve-%s", "start": "ask", "steps": [
				 {"id": "ask", "type": "approval", "prompt": "Ship it?", "timeoutSeconds": 300, "onTimeout": "late",
				  "onReject": "no", "next": "yes"},
				 {"id": "yes", "type": "transform", "expression": "'approved by ' & $steps.ask.output.input.by"},
				 {"id": "no", "type": "transform", "expression": "'rejected'"},
				 {"id": "late", "type": "transform", "expression": "'timed out'"}]}""".formatted(UUID.randomUUID()));
		String approved = start(http, workflow, "{}");
		String rejected = start(http, workflow, "{}");
		awaitStatus(http, approved, "waiting");
		awaitStatus(http, rejected, "waiting");

		Reply resumed = http.json("POST", "/api/v1/runs/" + approved + "/resume", "{\"approved\":true,\"input\":{\"by\":\"ops\"}}");
		http.json("POST", "/api/v1/runs/" + rejected + "/resume", "{\"approved\":false}");

		assertThat(resumed.status()).as(resumed.body()).isEqualTo(202);
		assertThat(awaitTerminal(http, approved).get("output").asString()).isEqualTo("approved by ops");
		assertThat(awaitTerminal(http, rejected).get("output").asString()).isEqualTo("rejected");
		Reply again = http.json("POST", "/api/v1/runs/" + approved + "/resume", "{\"approved\":true}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("RUN_NOT_WAITING");

		String unanswered = start(http, workflow, "{}");
		awaitStatus(http, unanswered, "waiting");
		clock.advance(Duration.ofMinutes(4));
		assertThat(http.get("/api/v1/runs/" + unanswered).json().get("status").asString()).isEqualTo("waiting");
		clock.advance(Duration.ofMinutes(2));
		JsonNode late = awaitTerminal(http, unanswered);
		assertThat(late.get("output").asString()).isEqualTo("timed out");
		assertThat(steps(http, unanswered)).extracting(step -> step.get("name").asString() + ":" + step.get("status").asString())
			.containsExactly("ask:timed_out", "late:succeeded");
	}

	@Test
	void retryFromTheFailedStepReRunsOnlyThatStepAndThoseAfterIt() {
		HttpProbe http = newTenant();
		String workflow = create(http, chainOfThree("", ""));
		String tag = tag();
		EffectTools.failing.add(tag + "-s2");
		String run = start(http, workflow, "{\"tag\":\"" + tag + "\"}");
		JsonNode failed = awaitTerminal(http, run);
		assertThat(failed.get("status").asString()).isEqualTo("failed");
		EffectTools.failing.clear();

		Reply retried = http.json("POST", "/api/v1/runs/" + run + "/retry", "");

		assertThat(retried.status()).as(retried.body()).isEqualTo(202);
		JsonNode done = awaitTerminal(http, run);
		assertThat(done.get("status").asString()).isEqualTo("succeeded");
		assertThat(EffectTools.calls("wf_effect", tag + "-s1")).hasSize(1);
		assertThat(EffectTools.calls("wf_effect", tag + "-s2")).hasSize(2)
			.extracting(EffectTools.Call::key).doesNotHaveDuplicates();
		assertThat(EffectTools.calls("wf_effect", tag + "-s3")).hasSize(1);
		Reply notFailed = http.json("POST", "/api/v1/runs/" + run + "/retry", "");
		assertThat(notFailed.json().get("code").asString()).isEqualTo("RUN_NOT_RETRIABLE");
	}

	@Test
	void aRetriedStepWaitsForItsBackoffOnTheClockWithoutHoldingAWorkerAndAnOptionalFailureIsSkipped() {
		HttpProbe http = newTenant();
		String workflow = create(http, chainOfThree(
				",\"retry\":{\"maxAttempts\":2,\"retryOn\":[\"tool_error\"],\"initialBackoffSeconds\":30,\"jitter\":false}",
				",\"optional\":true"));
		String tag = tag();
		EffectTools.failing.add(tag + "-s1");
		EffectTools.failing.add(tag + "-s3");
		String run = start(http, workflow, "{\"tag\":\"" + tag + "\"}");
		await().atMost(WAIT).until(() -> eventTypes(http, run).contains("step_retry_scheduled"));
		assertThat(http.get("/api/v1/runs/" + run).json().get("status").asString()).isEqualTo("queued");
		EffectTools.failing.remove(tag + "-s1");

		clock.advance(Duration.ofSeconds(31));

		JsonNode done = awaitTerminal(http, run);
		assertThat(done.get("status").asString()).isEqualTo("succeeded");
		assertThat(EffectTools.calls("wf_effect", tag + "-s1")).hasSize(2).extracting(EffectTools.Call::key)
			.doesNotHaveDuplicates();
		assertThat(steps(http, run)).extracting(step -> step.get("name").asString() + ":" + step.get("status").asString())
			.containsExactly("s1:retrying", "s1:succeeded", "s2:succeeded", "s3:skipped");
	}

	@Test
	void dataFlowsThroughTransformsConditionsMapsLoopsAndParallelBranches() {
		HttpProbe http = newTenant();
		String workflow = create(http, """
				{"name": "flow-%s", "start": "sum",
				 "inputSchema": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array"}}},
				 "steps": [
				 {"id": "sum", "type": "transform", "expression": "{'total': $sum($input.items.price)}", "next": "size"},
				 {"id": "size", "type": "condition", "branches": [{"when": "$steps.sum.output.total > 10", "next": "doubled"}],
				  "default": "small"},
				 {"id": "small", "type": "transform", "expression": "'small'"},
				 {"id": "doubled", "type": "map", "over": "$input.items", "do": "twice", "next": "count"},
				 {"id": "twice", "type": "transform", "expression": "$item.price * 2"},
				 {"id": "count", "type": "loop", "do": "tick", "while": "$iteration < 2", "maxIterations": 5, "next": "both"},
				 {"id": "tick", "type": "transform", "expression": "$iteration"},
				 {"id": "both", "type": "parallel", "branches": ["left", "right"], "join": "any", "next": "out"},
				 {"id": "left", "type": "transform", "expression": "'left'"},
				 {"id": "right", "type": "transform", "expression": "'right'"},
				 {"id": "out", "type": "transform",
				  "expression": "{'big': $steps.doubled.output, 'loops': $steps.count.output, 'first': $steps.both.output}"}
				 ]}""".formatted(UUID.randomUUID()));

		JsonNode big = awaitTerminal(http, start(http, workflow, "{\"items\":[{\"price\":4},{\"price\":8}]}"));
		JsonNode small = awaitTerminal(http, start(http, workflow, "{\"items\":[{\"price\":4}]}"));
		Reply invalid = http.json("POST", "/api/v1/workflows/" + workflow + "/runs", "{\"input\":{\"items\":3}}");

		assertThat(big.get("status").asString()).as(big.toString()).isEqualTo("succeeded");
		assertThat(big.get("output").get("big").toString()).isEqualTo("[8,16]");
		assertThat(big.get("output").get("loops").asInt()).isEqualTo(2);
		// join "any": the branch that finished first (they run concurrently)
		assertThat(big.get("output").get("first").toString()).isIn("{\"left\":\"left\"}", "{\"right\":\"right\"}");
		assertThat(small.get("output").asString()).isEqualTo("small");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.body()).contains("input.items");
	}

	@Test
	void theSameIdempotencyKeyWithTheSameBodyIsTheSameWorkflowRunAndWithAnotherBodyIsRefused() {
		HttpProbe http = newTenant();
		String workflow = create(http, chainOfThree("", ""));
		String key = "wf-" + UUID.randomUUID();
		String body = "{\"input\":{\"tag\":\"" + tag() + "\"}}";

		Reply first = http.send("POST", "/api/v1/workflows/" + workflow + "/runs", body, Map.of("Idempotency-Key", key));
		Reply same = http.send("POST", "/api/v1/workflows/" + workflow + "/runs", body, Map.of("Idempotency-Key", key));
		Reply other = http.send("POST", "/api/v1/workflows/" + workflow + "/runs", "{\"input\":{\"tag\":\"x\"}}",
				Map.of("Idempotency-Key", key));

		assertThat(first.status()).as(first.body()).isEqualTo(202);
		assertThat(first.json().get("kind").asString()).isEqualTo("workflow");
		assertThat(first.json().get("workflowId").asString()).isEqualTo(workflow);
		assertThat(same.status()).isEqualTo(200);
		assertThat(same.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
		assertThat(other.status()).isEqualTo(422);
		assertThat(other.json().get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
	}

	/** Five tool steps with a compensation each; the effect and undo names are the input's tag and the step. */
	private static String sagaOfFive() {
		StringBuilder steps = new StringBuilder();
		for (int i = 1; i <= 5; i++) {
			steps.append("{\"id\":\"s").append(i).append("\",\"type\":\"tool\",\"tool\":\"wf_effect\",")
				.append("\"input\":{\"name\":\"=$input.tag & '-s").append(i).append("'\"},\"compensation\":\"u").append(i)
				.append("\"").append(i < 5 ? ",\"next\":\"s" + (i + 1) + "\"" : "").append("},");
			steps.append("{\"id\":\"u").append(i).append("\",\"type\":\"tool\",\"tool\":\"wf_undo\",")
				.append("\"input\":{\"name\":\"=$input.tag & '-u").append(i).append("'\"}}").append(i < 5 ? "," : "");
		}
		return "{\"name\":\"saga-" + UUID.randomUUID() + "\",\"start\":\"s1\",\"steps\":[" + steps + "]}";
	}

	/** Three tool steps; {@code first} and {@code last} are extra fields of the first and the last. */
	private static String chainOfThree(String first, String last) {
		return """
				{"name": "chain-%s", "start": "s1", "steps": [
				 {"id": "s1", "type": "tool", "tool": "wf_effect", "input": {"name": "=$input.tag & '-s1'"}, "next": "s2"%s},
				 {"id": "s2", "type": "tool", "tool": "wf_effect", "input": {"name": "=$input.tag & '-s2'"}, "next": "s3"},
				 {"id": "s3", "type": "tool", "tool": "wf_effect", "input": {"name": "=$input.tag & '-s3'"}%s}]}"""
			.formatted(UUID.randomUUID(), first, last);
	}

	private static List<String> withFailed(List<String> completed, String failed) {
		List<String> all = new ArrayList<>(completed);
		all.add(failed);
		return all;
	}

	/** As if another node had claimed the run and died at once: the token moves on and the lease has lapsed. */
	private void loseLease(String run) {
		owner.sql("update runs set fencing_token = fencing_token + 1, lease_owner = 'dead-node', lease_expires_at = :lapsed"
				+ " where id = :id")
			.param("lapsed", clock.instant().minusSeconds(1).atOffset(java.time.ZoneOffset.UTC)).param("id", UUID.fromString(run))
			.update();
	}

	private static String tag() {
		return "t" + UUID.randomUUID();
	}

	private HttpProbe newTenant() {
		String name = "wf-" + UUID.randomUUID().toString().substring(0, 13);
		return HttpProbe.ownerOfNewTenant(port, name, "owner-" + UUID.randomUUID() + "@example.org",
				"sturdy-horse-battery-" + UUID.randomUUID());
	}

	private static String create(HttpProbe http, String definition) {
		Reply reply = http.json("POST", "/api/v1/workflows", definition);
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		return reply.json().get("id").asString();
	}

	private static String start(HttpProbe http, String workflow, String input) {
		Reply reply = http.json("POST", "/api/v1/workflows/" + workflow + "/runs", "{\"input\":" + input + "}");
		assertThat(reply.status()).as(reply.body()).isEqualTo(202);
		return reply.json().get("id").asString();
	}

	private static JsonNode awaitStatus(HttpProbe http, String run, String status) {
		return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
			.until(() -> http.get("/api/v1/runs/" + run).json(), node -> node.get("status").asString().equals(status));
	}

	private static JsonNode awaitTerminal(HttpProbe http, String run) {
		return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
			.until(() -> http.get("/api/v1/runs/" + run).json(), node -> TERMINAL.contains(node.get("status").asString()));
	}

	private static List<String> eventTypes(HttpProbe http, String run) {
		return http.get("/api/v1/runs/" + run + "/events").json().get("items").valueStream()
			.map(event -> event.get("type").asString()).toList();
	}

	/** The workflow's step rows; the calls recorded inside tool and agent steps (for replays) are left out. */
	private static List<JsonNode> steps(HttpProbe http, String run) {
		return http.get("/api/v1/runs/" + run + "/steps").json().get("items").valueStream()
			.filter(step -> !List.of("model_call", "tool_call").contains(step.get("kind").asString())).toList();
	}
}

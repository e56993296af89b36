package dev.rampart.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.sim.LatencyModel;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.ScriptRule;
import dev.rampart.tools.ToolSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent {@code parallel} branches and {@code map} items and step timeouts (docs/runs.md, "Steps"), on the real
 * clock with agent steps the simulator makes slow: branches overlap, an {@code any} join takes the first branch and
 * cancels the others, a map keeps to its {@code maxConcurrency} and its item order, an approval in one branch suspends
 * the run only after the other branch's step at hand, a takeover mid-parallel repeats no completed branch step, and
 * agent and container steps that exceed {@code timeoutSeconds} fail or are skipped. The assertions compare the recorded
 * steps' intervals and statuses, not durations.
 */
@ServerTest
@TestPropertySource(properties = { "rampart.runs.workers=4", "rampart.runs.lease=3s", "rampart.runs.heartbeat=1s",
		"rampart.runs.poll-interval=100ms" })
class ConcurrentStepsIT {

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

	@Autowired
	LlmSimulator sim;

	private final JdbcClient owner;

	@Autowired
	ConcurrentStepsIT(DataSource dataSource) {
		this.owner = DatabaseOwner.jdbc(dataSource);
	}

	@AfterEach
	void reset() {
		sim.control().clearRules();
		sim.control().setLatency(LatencyModel.NONE);
		EffectTools.failing.clear();
		EffectTools.blockOnce.keySet().forEach(EffectTools::release);
	}

	@Test
	void threeSlowAgentBranchesAllStartBeforeAnyEnds() {
		HttpProbe http = newTenant();
		String agent = slowAgent(http, 1_000, "slow answer");
		String workflow = create(http, """
				{"name": "fan-%s", "start": "fan", "steps": [
				 {"id": "fan", "type": "parallel", "branches": ["a", "b", "c"], "join": "all"},
				 {"id": "a", "type": "agent", "agent": "%s", "input": "a"},
				 {"id": "b", "type": "agent", "agent": "%s", "input": "b"},
				 {"id": "c", "type": "agent", "agent": "%s", "input": "c"}]}""".formatted(UUID.randomUUID(), agent, agent, agent));

		String run = start(http, workflow, "{}");

		JsonNode done = awaitTerminal(http, run);
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
		assertThat(done.get("output").propertyNames()).containsExactlyInAnyOrder("a", "b", "c");
		List<JsonNode> branches = steps(http, run).stream().filter(step -> step.get("kind").asString().equals("agent")).toList();
		assertThat(branches).hasSize(3);
		Instant lastStart = branches.stream().map(step -> Instant.parse(step.get("startedAt").asString())).max(Instant::compareTo)
			.orElseThrow();
		Instant firstEnd = branches.stream().map(step -> Instant.parse(step.get("endedAt").asString())).min(Instant::compareTo)
			.orElseThrow();
		assertThat(lastStart).as("every branch started before the first one ended").isBefore(firstEnd);
	}

	@Test
	void anAnyJoinTakesTheFirstBranchAndCancelsTheOthers() {
		HttpProbe http = newTenant();
		String fast = slowAgent(http, 100, "fast answer");
		String slow = slowAgent(http, 2_000, "slow answer");
		String workflow = create(http, """
				{"name": "any-%s", "start": "race", "steps": [
				 {"id": "race", "type": "parallel", "branches": ["quick", "late", "later"], "join": "any", "next": "after"},
				 {"id": "quick", "type": "agent", "agent": "%s", "input": "go"},
				 {"id": "late", "type": "agent", "agent": "%s", "input": "go", "next": "late2"},
				 {"id": "late2", "type": "transform", "expression": "'never'"},
				 {"id": "later", "type": "agent", "agent": "%s", "input": "go"},
				 {"id": "after", "type": "transform", "expression": "$steps.race.output"}]}"""
			.formatted(UUID.randomUUID(), fast, slow, slow));

		String run = start(http, workflow, "{}");

		JsonNode done = awaitTerminal(http, run);
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
		assertThat(done.get("output").propertyNames()).containsExactly("quick");
		assertThat(done.get("output").get("quick").asString()).isEqualTo("fast answer");
		assertThat(statuses(http, run)).contains("quick:succeeded", "race:succeeded", "after:succeeded")
			.doesNotContain("late:succeeded", "later:succeeded", "late2:succeeded");
	}

	@Test
	void aMapRunsAtMostMaxConcurrencyItemsAtATimeAndKeepsItemOrder() {
		HttpProbe http = newTenant();
		String agent = slowAgent(http, 400, "seen");
		String workflow = create(http, """
				{"name": "map-%s", "start": "each", "steps": [
				 {"id": "each", "type": "map", "over": "$input.items", "do": "ask", "maxConcurrency": 2},
				 {"id": "ask", "type": "agent", "agent": "%s", "input": "=$item", "next": "label"},
				 {"id": "label", "type": "transform", "expression": "$item & ':' & $steps.ask.output"}]}"""
			.formatted(UUID.randomUUID(), agent));

		String run = start(http, workflow, "{\"items\":[\"i-a\",\"i-b\",\"i-c\",\"i-d\",\"i-e\",\"i-f\"]}");

		JsonNode done = awaitTerminal(http, run);
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
		assertThat(done.get("output").valueStream().map(JsonNode::asString))
			.containsExactly("i-a:seen", "i-b:seen", "i-c:seen", "i-d:seen", "i-e:seen", "i-f:seen");
		List<Instant[]> items = new ArrayList<>();
		for (JsonNode step : steps(http, run)) {
			if (step.get("kind").asString().equals("agent")) {
				items.add(new Instant[] { Instant.parse(step.get("startedAt").asString()),
						Instant.parse(step.get("endedAt").asString()) });
			}
		}
		assertThat(items).hasSize(6);
		// at each item's start, the items running then (started, not ended), itself included
		List<Long> running = items.stream().map(item -> items.stream()
			.filter(other -> !other[0].isAfter(item[0]) && item[0].isBefore(other[1])).count()).toList();
		assertThat(running).as("items running at each item's start").allMatch(count -> count <= 2).contains(2L);
	}

	@Test
	void anApprovalInOneBranchSuspendsTheRunAfterTheOtherBranchsStepAndTheResumedRunFinishesEveryBranchOnce() {
		HttpProbe http = newTenant();
		String quick = slowAgent(http, 300, "left first");
		String agent = slowAgent(http, 1_500, "right done");
		String workflow = create(http, """
				{"name": "ask-%s", "start": "both", "steps": [
				 {"id": "both", "type": "parallel", "branches": ["left", "right"], "join": "all"},
				 {"id": "left", "type": "agent", "agent": "%s", "input": "go", "next": "ok"},
				 {"id": "ok", "type": "approval", "prompt": "Go on?", "next": "left2"},
				 {"id": "left2", "type": "transform", "expression": "'left done'"},
				 {"id": "right", "type": "agent", "agent": "%s", "input": "go", "next": "right2"},
				 {"id": "right2", "type": "transform", "expression": "$steps.right.output & '!'"}]}"""
			.formatted(UUID.randomUUID(), quick, agent));

		String run = start(http, workflow, "{}");

		// the approval is reached while the other branch's agent step is in flight
		awaitStatus(http, run, "waiting");
		assertThat(statuses(http, run)).as("the branch in flight finished its step, and started no other")
			.containsExactlyInAnyOrder("left:succeeded", "right:succeeded");
		Reply resumed = http.json("POST", "/api/v1/runs/" + run + "/resume", "{\"approved\":true}");
		assertThat(resumed.status()).as(resumed.body()).isEqualTo(202);
		JsonNode done = awaitTerminal(http, run);
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
		assertThat(done.get("output").get("left").asString()).isEqualTo("left done");
		assertThat(done.get("output").get("right").asString()).isEqualTo("right done!");
		assertThat(statuses(http, run)).containsExactlyInAnyOrder("left:succeeded", "right:succeeded", "ok:succeeded",
				"left2:succeeded", "right2:succeeded", "both:succeeded");
	}

	@Test
	void aTakeoverMidParallelDoesNotRepeatCompletedBranchSteps() throws Exception {
		HttpProbe http = newTenant();
		String tag = "t" + UUID.randomUUID();
		String workflow = create(http, """
				{"name": "take-%s", "start": "both", "steps": [
				 {"id": "both", "type": "parallel", "branches": ["a1", "b1"], "next": "end"},
				 {"id": "a1", "type": "tool", "tool": "wf_effect", "input": {"name": "=$input.tag & '-a1'"}, "next": "a2"},
				 {"id": "a2", "type": "tool", "tool": "wf_effect", "input": {"name": "=$input.tag & '-a2'"}},
				 {"id": "b1", "type": "tool", "tool": "wf_effect", "input": {"name": "=$input.tag & '-b1'"}, "next": "b2"},
				 {"id": "b2", "type": "tool", "tool": "wf_effect", "input": {"name": "=$input.tag & '-b2'"}},
				 {"id": "end", "type": "transform", "expression": "$keys($steps.both.output)"}]}""".formatted(UUID.randomUUID()));
		CountDownLatch inB1 = EffectTools.block(tag + "-b1");

		String run = start(http, workflow, "{\"tag\":\"" + tag + "\"}");
		assertThat(inB1.await(60, TimeUnit.SECONDS)).isTrue();
		await().atMost(WAIT).until(() -> statuses(http, run).containsAll(List.of("a1:succeeded", "a2:succeeded")));
		loseLease(run);

		JsonNode done = awaitTerminal(http, run);
		EffectTools.release(tag + "-b1");
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
		assertThat(done.get("attempt").asInt()).isEqualTo(2);
		assertThat(EffectTools.calls("wf_effect", tag + "-a1")).hasSize(1);
		assertThat(EffectTools.calls("wf_effect", tag + "-a2")).hasSize(1);
		assertThat(EffectTools.calls("wf_effect", tag + "-b1")).hasSize(2).extracting(EffectTools.Call::key)
			.containsOnly(EffectTools.calls("wf_effect", tag + "-b1").getFirst().key());
		assertThat(EffectTools.calls("wf_effect", tag + "-b2")).hasSize(1);
		assertThat(statuses(http, run)).filteredOn(status -> status.startsWith("a1:") || status.startsWith("a2:"))
			.containsExactlyInAnyOrder("a1:succeeded", "a2:succeeded");
	}

	@Test
	void anAgentStepOverItsTimeoutFailsOrIsSkippedWhenOptionalAndAContainerOverItsTimeoutFails() {
		HttpProbe http = newTenant();
		String agent = slowAgent(http, 3_000, "too late");
		String skipped = create(http, """
				{"name": "skip-%s", "start": "ask", "steps": [
				 {"id": "ask", "type": "agent", "agent": "%s", "input": "go", "timeoutSeconds": 1, "optional": true,
				  "next": "after"},
				 {"id": "after", "type": "transform", "expression": "'went on'"}]}""".formatted(UUID.randomUUID(), agent));
		String failing = create(http, """
				{"name": "fail-%s", "start": "ask", "steps": [
				 {"id": "ask", "type": "agent", "agent": "%s", "input": "go", "timeoutSeconds": 1}]}"""
			.formatted(UUID.randomUUID(), agent));
		String container = create(http, """
				{"name": "box-%s", "start": "fan", "steps": [
				 {"id": "fan", "type": "parallel", "branches": ["x", "y"], "timeoutSeconds": 1},
				 {"id": "x", "type": "agent", "agent": "%s", "input": "x"},
				 {"id": "y", "type": "agent", "agent": "%s", "input": "y"}]}""".formatted(UUID.randomUUID(), agent, agent));

		String skippedRun = start(http, skipped, "{}");
		String failingRun = start(http, failing, "{}");
		String containerRun = start(http, container, "{}");

		JsonNode wentOn = awaitTerminal(http, skippedRun);
		assertThat(wentOn.get("status").asString()).as(wentOn.toString()).isEqualTo("succeeded");
		assertThat(wentOn.get("output").asString()).isEqualTo("went on");
		assertThat(statuses(http, skippedRun)).containsExactly("ask:skipped", "after:succeeded");
		JsonNode failed = awaitTerminal(http, failingRun);
		assertThat(failed.get("status").asString()).isEqualTo("failed");
		assertThat(failed.get("error").get("code").asString()).isEqualTo("WORKFLOW_STEP_FAILED");
		assertThat(failed.get("error").get("technicalDetails").asString()).contains("took longer than its timeout");
		JsonNode boxed = awaitTerminal(http, containerRun);
		assertThat(boxed.get("status").asString()).isEqualTo("failed");
		assertThat(boxed.get("error").get("technicalDetails").asString()).contains("fan").contains("took longer than its timeout");
		assertThat(statuses(http, containerRun)).contains("fan:failed").doesNotContain("x:succeeded", "y:succeeded");
	}

	/** An agent whose every answer is {@code reply}, after {@code latencyMillis}. */
	private String slowAgent(HttpProbe http, int latencyMillis, String reply) {
		String marker = "slow-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).replyText(reply)
			.latency(LatencyModel.fixed(latencyMillis, 0)).build());
		Reply created = http.json("POST", "/api/v1/agents", "{\"name\":\"c-" + UUID.randomUUID() + "\",\"instructions\":\""
				+ "Take your time. " + marker + "\",\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-echo\"}]},"
				+ "\"tools\":[]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/** As if another node had claimed the run and died at once: the token moves on and the lease has lapsed. */
	private void loseLease(String run) {
		owner.sql("update runs set fencing_token = fencing_token + 1, lease_owner = 'dead-node', lease_expires_at = :lapsed"
				+ " where id = :id")
			.param("lapsed", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC)).param("id", UUID.fromString(run))
			.update();
	}

	private HttpProbe newTenant() {
		String name = "cc-" + UUID.randomUUID().toString().substring(0, 13);
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

	/** The workflow's own steps: without the model and tool calls recorded inside them. */
	private static List<JsonNode> steps(HttpProbe http, String run) {
		return http.get("/api/v1/runs/" + run + "/steps").json().get("items").valueStream()
			.filter(step -> !List.of("model_call", "tool_call").contains(step.get("kind").asString())).toList();
	}

	/** The run's step rows as {@code name:status}, in row order. */
	private static List<String> statuses(HttpProbe http, String run) {
		return steps(http, run).stream().map(step -> step.get("name").asString() + ":" + step.get("status").asString()).toList();
	}
}

package dev.rampart.executions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.sim.LatencyModel;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.ScriptRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Threads (docs/runs.md, "Threads"): messages are agent runs of the thread, answered in order under {@code enqueue},
 * refused under {@code reject} and cancelling the current run under {@code interrupt}; a message's run gives the model
 * the thread's earlier turns; another tenant's thread is not found.
 */
@ServerTest
@TestPropertySource(properties = { "rampart.runs.workers=4", "rampart.runs.poll-interval=200ms",
		"rampart.gateway.rate-limits.plans.default.concurrent-runs=1000" })
class ThreadsIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	@AfterEach
	void rules() {
		sim.control().clearRules();
		sim.control().setLatency(LatencyModel.NONE);
	}

	@Test
	void enqueuedMessagesAreAnsweredInOrderAndTheConversationListsThem() {
		HttpProbe http = HttpProbe.signedIn(port);
		String marker = "order-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).replyText("answered")
			.latency(LatencyModel.fixed(1_000, 0)).build());
		String thread = thread(http, agent(http, "Slowly. " + marker), "enqueue");

		String first = send(http, thread, "first");
		String second = send(http, thread, "second");

		awaitStatus(http, first, "running");
		assertThat(http.get("/api/v1/runs/" + second).json().get("status").asString())
			.as("the second message waits for the first").isEqualTo("queued");
		JsonNode one = awaitStatus(http, first, "succeeded");
		JsonNode two = awaitStatus(http, second, "succeeded");
		assertThat(Instant.parse(two.get("startedAt").asString()))
			.isAfterOrEqualTo(Instant.parse(one.get("endedAt").asString()));
		assertThat(two.get("threadId").asString()).isEqualTo(thread);
		assertThat(two.get("userId").asString()).isEqualTo("end-user-a");

		Reply messages = http.get("/api/v1/threads/" + thread + "/messages");
		assertThat(messages.status()).as(messages.body()).isEqualTo(200);
		List<JsonNode> items = messages.json().get("items").valueStream().toList();
		assertThat(items).extracting(item -> item.get("runId").asString()).containsExactly(first, second);
		assertThat(items).extracting(item -> item.get("input").asString()).containsExactly("first", "second");
		assertThat(items).extracting(item -> item.get("output").asString()).containsExactly("answered", "answered");
		assertThat(items).extracting(item -> item.get("status").asString()).containsExactly("succeeded", "succeeded");
	}

	@Test
	void aRejectingThreadRefusesAMessageWhileItIsBusy() {
		HttpProbe http = HttpProbe.signedIn(port);
		String marker = "reject-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).replyText("answered")
			.latency(LatencyModel.fixed(1_000, 0)).build());
		String thread = thread(http, agent(http, "Slowly. " + marker), "reject");
		String first = send(http, thread, "first");

		Reply busy = http.json("POST", "/api/v1/threads/" + thread + "/messages", "{\"input\":\"too soon\"}");

		assertThat(busy.status()).as(busy.body()).isEqualTo(409);
		assertThat(busy.json().get("code").asString()).isEqualTo("THREAD_BUSY");
		assertThat(busy.json().get("canRetry").asBoolean()).isTrue();
		awaitStatus(http, first, "succeeded");
		awaitStatus(http, send(http, thread, "now"), "succeeded");
	}

	@Test
	void anInterruptingMessageCancelsTheRunningOne() {
		HttpProbe http = HttpProbe.signedIn(port);
		String marker = "interrupt-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).lastUserContains("long")
			.replyText("too late").latency(LatencyModel.fixed(3_000, 0)).build());
		String thread = thread(http, agent(http, "Sometimes slowly. " + marker), "interrupt");
		String first = send(http, thread, "a long question");
		awaitStatus(http, first, "running");

		String second = send(http, thread, "a short one");

		assertThat(awaitStatus(http, first, "cancelled").get("output").isNull()).isTrue();
		assertThat(awaitStatus(http, second, "succeeded").get("output").asString()).isEqualTo("a short one");
	}

	@Test
	void aMessagesRunGivesTheModelTheThreadsEarlierTurns() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http, "You echo.");
		String thread = thread(http, agent, "enqueue");
		Reply alone = http.json("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"alpha beta gamma\"}");
		int tokensAlone = awaitStatus(http, alone.json().get("id").asString(), "succeeded").get("usage")
			.get("inputTokens").asInt();

		JsonNode first = awaitStatus(http, send(http, thread, "alpha beta gamma"), "succeeded");
		JsonNode second = awaitStatus(http, send(http, thread, "alpha beta gamma"), "succeeded");
		JsonNode third = awaitStatus(http, send(http, thread, "alpha beta gamma"), "succeeded");

		assertThat(tokens(first)).as("no earlier turn").isEqualTo(tokensAlone);
		int turn = tokens(second) - tokens(first);
		assertThat(turn).as("the first turn's input and answer come before the new input").isPositive();
		assertThat(tokens(third) - tokens(second)).as("and then the second turn's").isEqualTo(turn);
		assertThat(third.get("output").asString()).isEqualTo("alpha beta gamma");
	}

	@Test
	void messagesWaitingBehindTheirThreadsDoNotHoldUpOtherTenants() {
		for (int i = 0; i < 3; i++) {
			HttpProbe tenant = newTenant();
			String agent = agent(tenant, "You compute.", "sim-tools", "[{\"name\":\"calculator\",\"approvalRequired\":true}]");
			String thread = thread(tenant, agent, "enqueue");
			awaitStatus(tenant, send(tenant, thread, "what is 2 + 3?"), "waiting");
			send(tenant, thread, "and 3 + 4?");
		}
		HttpProbe other = newTenant();

		String run = other.json("POST", "/api/v1/agents/" + agent(other, "You echo.") + "/runs", "{\"input\":\"hello\"}")
			.json().get("id").asString();

		assertThat(awaitStatus(other, run, "succeeded").get("output").asString()).isEqualTo("hello");
	}

	@Test
	void threadsAreListedReadAndDeletedAndAnotherTenantsThreadIsNotFound() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http, "You echo.");
		String thread = thread(http, agent, "enqueue");
		String run = send(http, thread, "hello");
		awaitStatus(http, run, "succeeded");
		HttpProbe other = newTenant();

		assertThat(other.get("/api/v1/threads/" + thread).status()).isEqualTo(404);
		assertThat(other.get("/api/v1/threads/" + thread + "/messages").status()).isEqualTo(404);
		assertThat(other.json("POST", "/api/v1/threads/" + thread + "/messages", "{\"input\":\"x\"}").status()).isEqualTo(404);
		assertThat(other.json("POST", "/api/v1/threads", "{\"agentId\":\"" + agent + "\"}").status()).isEqualTo(404);
		assertThat(http.json("POST", "/api/v1/threads", "{\"agentId\":\"" + UUID.randomUUID() + "\"}").status())
			.isEqualTo(404);
		assertThat(http.json("POST", "/api/v1/threads", "{\"agentId\":\"" + agent + "\",\"busyPolicy\":\"later\"}")
			.status()).isEqualTo(400);

		JsonNode read = http.get("/api/v1/threads/" + thread).json();
		assertThat(read.get("busyPolicy").asString()).isEqualTo("enqueue");
		assertThat(read.get("agentId").asString()).isEqualTo(agent);
		assertThat(http.get("/api/v1/threads?agent=" + agent).json().get("items").valueStream()
			.map(item -> item.get("id").asString()).toList()).containsExactly(thread);
		assertThat(http.send("DELETE", "/api/v1/threads/" + thread, "", Map.of()).status()).isEqualTo(204);
		assertThat(http.get("/api/v1/threads/" + thread).status()).isEqualTo(404);
		assertThat(http.get("/api/v1/runs/" + run).json().get("threadId").asString()).isEqualTo(thread);
	}

	private static int tokens(JsonNode run) {
		return run.get("usage").get("inputTokens").asInt();
	}

	private static String thread(HttpProbe http, String agent, String policy) {
		Reply created = http.json("POST", "/api/v1/threads", "{\"agentId\":\"" + agent + "\",\"title\":\"t-"
				+ UUID.randomUUID() + "\",\"userId\":\"end-user-a\",\"busyPolicy\":\"" + policy + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/api/v1/threads/" + created.json().get("id").asString());
		return created.json().get("id").asString();
	}

	private static String send(HttpProbe http, String thread, String input) {
		Reply reply = http.json("POST", "/api/v1/threads/" + thread + "/messages", "{\"input\":\"" + input + "\"}");
		assertThat(reply.status()).as(reply.body()).isEqualTo(202);
		return reply.json().get("id").asString();
	}

	private static JsonNode awaitStatus(HttpProbe http, String run, String status) {
		return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
			.until(() -> http.get("/api/v1/runs/" + run).json(), node -> node.get("status").asString().equals(status));
	}

	private HttpProbe newTenant() {
		return HttpProbe.ownerOfNewTenant(port, "threads-" + UUID.randomUUID().toString().substring(0, 13),
				"owner-" + UUID.randomUUID() + "@example.org", "sturdy-horse-battery-" + UUID.randomUUID());
	}

	private static String agent(HttpProbe http, String instructions) {
		return agent(http, instructions, "sim-echo", "[]");
	}

	private static String agent(HttpProbe http, String instructions, String model, String tools) {
		Reply created = http.json("POST", "/api/v1/agents", "{\"name\":\"t-" + UUID.randomUUID() + "\",\"instructions\":\""
				+ instructions + "\",\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"" + model
				+ "\"}]},\"tools\":" + tools + "}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}
}

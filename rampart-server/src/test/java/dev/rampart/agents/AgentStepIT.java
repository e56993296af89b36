package dev.rampart.agents;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.shared.TenantId;
import dev.rampart.sim.LatencyModel;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.ScriptRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent step (docs/agents.md, "The step pipeline") through {@code POST /api/v1/agents/{id}/invoke} against the
 * built-in simulator: the tool loop, optional and required tools failing, version pinning and alias rollback, every
 * built-in template, memory injection and turn summaries, streaming, and the running-agent deletion check.
 */
@ServerTest
class AgentStepIT {

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	private final List<AgentActivity> activities;

	@Autowired
	AgentStepIT(List<AgentActivity> activities) {
		this.activities = activities;
	}

	@AfterEach
	void rules() {
		sim.control().clearRules();
		sim.control().setLatency(LatencyModel.NONE);
	}

	@Test
	void theToolLoopRunsTheToolsFeedsTheirResultsBackAndAnswers() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http, "calc-" + UUID.randomUUID(), "You compute.", "sim-tools",
				"[{\"name\":\"calculator\",\"required\":true},{\"name\":\"current_time\"}]");

		JsonNode result = invoke(http, agent, "{\"input\":\"what is 2 + 3, and what time is it?\"}").json();

		assertThat(result.get("status").asString()).isEqualTo("completed");
		assertThat(result.get("output").asString()).contains("calculator: 5").contains("current_time: ");
		assertThat(result.get("modelCalls").asInt()).isEqualTo(2);
		assertThat(result.get("toolCalls").valueStream().map(call -> call.get("tool").asString() + "=" + call.get("status").asString()))
			.containsExactlyInAnyOrder("calculator=ok", "current_time=ok");
		assertThat(types(result)).containsSubsequence("model_call", "tool_started", "tool_finished", "model_call", "finished")
			.doesNotContain("token");
		assertThat(result.get("inputTokens").asLong()).isPositive();
	}

	@Test
	void anOptionalToolThatFailsIsSkippedAndTheModelAndTheCallerAreTold() {
		HttpProbe http = HttpProbe.signedIn(port);
		String marker = "skip-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).afterToolResult(false)
			.toolCall("calculator", Map.of("expression", "1 / 0")).toolCall("current_time", Map.of("timezone", "UTC")).build());
		String agent = agent(http, "opt-" + UUID.randomUUID(), "You compute. " + marker, "sim-tools",
				"[{\"name\":\"calculator\"},{\"name\":\"current_time\"}]");

		JsonNode result = invoke(http, agent, "{\"input\":\"divide\"}").json();

		assertThat(result.get("status").asString()).isEqualTo("completed");
		assertThat(result.get("output").asString()).contains("calculator: The tool 'calculator' failed and was skipped")
			.contains("current_time: ");
		assertThat(result.get("toolCalls").valueStream().filter(call -> call.get("tool").asString().equals("calculator")))
			.singleElement().satisfies(call -> {
				assertThat(call.get("status").asString()).isEqualTo("failed");
				assertThat(call.get("skipped").asBoolean()).isTrue();
			});
		assertThat(result.get("events").valueStream().filter(event -> event.has("reason")).map(event -> event.get("tool").asString()))
			.containsExactly("calculator");
	}

	@Test
	void aRequiredToolThatFailsFailsTheStep() {
		HttpProbe http = HttpProbe.signedIn(port);
		String marker = "req-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).afterToolResult(false)
			.toolCall("calculator", Map.of("expression", "1 / 0")).build());
		String agent = agent(http, "req-" + UUID.randomUUID(), "You compute. " + marker, "sim-tools",
				"[{\"name\":\"calculator\",\"required\":true}]");

		Reply reply = invoke(http, agent, "{\"input\":\"divide\"}");

		assertThat(reply.status()).isEqualTo(502);
		assertThat(reply.json().get("code").asString()).isEqualTo("AGENT_TOOL_FAILED");
		assertThat(reply.json().get("technicalDetails").asString()).contains("required tool 'calculator' failed");
	}

	@Test
	void aToolThatNeedsApprovalStopsTheStepBeforeItRuns() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http, "approve-" + UUID.randomUUID(), "You compute.", "sim-tools",
				"[{\"name\":\"calculator\",\"approvalRequired\":true}]");

		JsonNode result = invoke(http, agent, "{\"input\":\"2 + 3?\"}").json();

		assertThat(result.get("status").asString()).isEqualTo("waiting_approval");
		assertThat(result.get("detail").asString()).isEqualTo("calculator");
		assertThat(result.get("toolCalls")).isEmpty();
		assertThat(types(result)).doesNotContain("tool_started");
	}

	@Test
	void aStepStopsAtItsMaxStepsWithWhatItHasSoFar() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = http.json("POST", "/api/v1/agents", "{\"name\":\"limit-" + UUID.randomUUID() + "\",\"instructions\":\"x\","
				+ "\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-tools\"}]},\"tools\":[{\"name\":\"calculator\"}],"
				+ "\"limits\":{\"maxSteps\":1}}").json().get("id").asString();

		JsonNode result = invoke(http, agent, "{\"input\":\"2 + 3?\"}").json();

		assertThat(result.get("status").asString()).isEqualTo("limit_reached");
		assertThat(result.get("detail").asString()).startsWith("maxSteps (1");
		assertThat(result.get("modelCalls").asInt()).isEqualTo(1);
	}

	@Test
	void anAgentsOwnMaskingTightensItsTenantsPolicyInTheAnswer() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = http.json("POST", "/api/v1/agents", "{\"name\":\"mask-" + UUID.randomUUID() + "\",\"instructions\":\"x\","
				+ "\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-echo\"}]},\"masking\":{\"email\":\"mask\"}}")
			.json().get("id").asString();

		JsonNode result = invoke(http, agent, "{\"input\":\"write to ann.lee@example.org\"}").json();

		assertThat(result.get("output").asString()).isEqualTo("write to [redacted:email]");
	}

	@Test
	void aStepPinsItsVersionAndMovingAnAliasBackRollsBehaviourBack() {
		HttpProbe http = HttpProbe.signedIn(port);
		String marker = "ver-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker + "-1").systemContains(marker + "-one").replyText("behaviour one").build());
		sim.control().addRule(ScriptRule.builder(marker + "-2").systemContains(marker + "-two").replyText("behaviour two").build());
		String name = "ver-" + UUID.randomUUID();
		String agent = agent(http, name, "Behave. " + marker + "-one", "sim-echo", "[]");
		assertThat(http.json("PUT", "/api/v1/agents/" + agent, definition(name, "Behave. " + marker + "-two", "sim-echo", "[]"))
			.status()).isEqualTo(200);
		assertThat(http.json("PUT", "/api/v1/agents/" + agent + "/aliases/prod", "{\"version\":2}").status()).isEqualTo(200);

		JsonNode onTwo = invoke(http, agent, "{\"input\":\"hi\",\"version\":\"prod\"}").json();
		assertThat(http.json("PUT", "/api/v1/agents/" + agent + "/aliases/prod", "{\"version\":1}").status()).isEqualTo(200);
		JsonNode rolledBack = invoke(http, agent, "{\"input\":\"hi\",\"version\":\"prod\"}").json();
		JsonNode latest = invoke(http, agent, "{\"input\":\"hi\"}").json();

		assertThat(onTwo.get("output").asString()).isEqualTo("behaviour two");
		assertThat(onTwo.get("version").asInt()).isEqualTo(2);
		assertThat(rolledBack.get("output").asString()).isEqualTo("behaviour one");
		assertThat(rolledBack.get("version").asInt()).isEqualTo(1);
		assertThat(latest.get("version").asInt()).isEqualTo(2);
		assertThat(invoke(http, agent, "{\"input\":\"hi\",\"version\":\"staging\"}").status()).isEqualTo(404);
		assertThat(invoke(http, "not-an-id", "{\"input\":\"hi\"}").json().get("code").asString()).isEqualTo("RESOURCE_NOT_FOUND");
	}

	@Test
	void anAgentFromEachBuiltInTemplateRunsAgainstTheSimulator() {
		HttpProbe http = HttpProbe.signedIn(port);
		Map<String, String> values = Map.of("builtin:assistant", "{}", "builtin:researcher", "{\"topic\":\"tides\"}",
				"builtin:support", "{\"product\":\"Rampart\"}", "builtin:extractor", "{}", "builtin:tool-user", "{}");
		for (Map.Entry<String, String> template : values.entrySet()) {
			Reply created = http.json("POST", "/api/v1/agents", "{\"templateId\":\"" + template.getKey() + "\",\"values\":"
					+ template.getValue() + ",\"name\":\"t-" + UUID.randomUUID() + "\"}");
			assertThat(created.status()).as(template.getKey()).isEqualTo(201);
			String input = template.getKey().equals("builtin:extractor")
					? "{\"title\":\"Invoice 7\",\"date\":\"2026-11-24\",\"amount\":12.5,\"currency\":\"EUR\"}"
					: "hello";

			JsonNode result = invoke(http, created.json().get("id").asString(),
					"{\"input\":" + json(input) + ",\"userId\":\"u-1\"}").json();

			assertThat(result.get("status").asString()).as(template.getKey()).isEqualTo("completed");
			assertThat(result.get("output").asString()).as(template.getKey()).isNotBlank();
			if (template.getKey().equals("builtin:extractor")) {
				assertThat(result.get("structuredOutput").get("amount").asDouble()).isEqualTo(12.5);
				assertThat(result.get("outputProblems")).isEmpty();
			}
			if (template.getKey().equals("builtin:tool-user")) {
				assertThat(result.get("output").asString()).contains("calculator: 5");
			}
		}
	}

	@Test
	void memoriesAreInjectedAndEachTurnIsRememberedInItsUsersScopeOnly() {
		HttpProbe http = HttpProbe.signedIn(port);
		String marker = "mem-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains("favourite colour is teal")
			.replyText("You like teal.").build());
		String agent = http.json("POST", "/api/v1/agents", "{\"name\":\"" + marker + "\",\"instructions\":\"Remember.\","
				+ "\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-echo\"}]},"
				+ "\"memory\":{\"enabled\":true,\"scope\":\"user\",\"summarizeTurns\":true}}").json().get("id").asString();

		invoke(http, agent, "{\"input\":\"My favourite colour is teal.\",\"userId\":\"ann\"}");
		JsonNode ann = invoke(http, agent, "{\"input\":\"Which colour do I like?\",\"userId\":\"ann\"}").json();
		JsonNode bob = invoke(http, agent, "{\"input\":\"Which colour do I like?\",\"userId\":\"bob\"}").json();

		assertThat(ann.get("output").asString()).isEqualTo("You like teal.");
		assertThat(bob.get("output").asString()).isEqualTo("Which colour do I like?");
		List<JsonNode> memories = http.get("/api/v1/agents/" + agent + "/memories").json().get("items").valueStream().toList();
		assertThat(memories).anySatisfy(memory -> {
			assertThat(memory.get("scope").asString()).isEqualTo("user:ann");
			assertThat(memory.get("text").asString()).contains("favourite colour is teal");
		});
		assertThat(memories).filteredOn(memory -> memory.get("scope").asString().equals("user:bob"))
			.noneSatisfy(memory -> assertThat(memory.get("text").asString()).contains("teal"));
	}

	@Test
	void anAgentsMemoryCanBeEmbeddedByAProvidersEmbeddingModel() {
		HttpProbe http = HttpProbe.signedIn(port);
		Reply refused = http.json("POST", "/api/v1/agents", "{\"name\":\"emb-" + UUID.randomUUID() + "\",\"instructions\":\"x\","
				+ "\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-echo\"}]},"
				+ "\"memory\":{\"enabled\":true,\"embedding\":{\"provider\":\"nowhere\",\"model\":\"e\"}}}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("memory.embedding.provider");
		String agent = http.json("POST", "/api/v1/agents", "{\"name\":\"emb-" + UUID.randomUUID() + "\",\"instructions\":\"x\","
				+ "\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-echo\"}]},"
				+ "\"memory\":{\"enabled\":true,\"summarizeTurns\":true,\"embedding\":{\"provider\":\"sim\",\"model\":\"sim-embed\"}}}")
			.json().get("id").asString();

		invoke(http, agent, "{\"input\":\"The code word is heron.\"}");
		JsonNode second = invoke(http, agent, "{\"input\":\"What is the code word?\"}").json();

		assertThat(second.get("status").asString()).isEqualTo("completed");
		assertThat(http.get("/api/v1/agents/" + agent + "/memories").json().get("items").valueStream()
			.map(memory -> memory.get("embeddingModel").asString())).isNotEmpty().containsOnly("sim/sim-embed");
	}

	@Test
	void aStreamedStepSendsItsEventsAsTheyHappenAndEndsWithTheResult() {
		HttpProbe http = HttpProbe.signedIn(port);
		String agent = agent(http, "stream-" + UUID.randomUUID(), "You echo.", "sim-echo", "[]");

		Reply reply = invoke(http, agent, "{\"input\":\"one two three\",\"stream\":true}");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.contentType()).startsWith("text/event-stream");
		assertThat(reply.body()).contains("event: token").contains("event: model_call").contains("event: finished")
			.contains("event: result");
		assertThat(reply.body().indexOf("event: token")).isLessThan(reply.body().indexOf("event: result"));
	}

	@Test
	void anAgentWithAStepInFlightCannotBeDeleted() {
		HttpProbe http = HttpProbe.signedIn(port);
		String marker = "slow-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).systemContains(marker).replyText("done at last")
			.latency(LatencyModel.fixed(2_000, 0)).build());
		String agent = agent(http, "slow-" + UUID.randomUUID(), "Take your time. " + marker, "sim-echo", "[]");
		TenantId tenant = new TenantId(UUID.fromString(http.get("/api/v1/users/me").json().get("tenant").get("id").asString()));
		CompletableFuture<Reply> step = CompletableFuture.supplyAsync(() -> invoke(http, agent, "{\"input\":\"go\"}"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> activities.stream().anyMatch(activity -> activity.running(tenant, UUID.fromString(agent))));

		Reply refused = http.send("DELETE", "/api/v1/agents/" + agent, "", Map.of());

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("code").asString()).isEqualTo("AGENT_RUNNING");
		assertThat(step.join().json().get("output").asString()).isEqualTo("done at last");
		assertThat(http.send("DELETE", "/api/v1/agents/" + agent, "", Map.of()).status()).isEqualTo(204);
	}

	private static Reply invoke(HttpProbe http, String agent, String body) {
		return http.json("POST", "/api/v1/agents/" + agent + "/invoke", body);
	}

	private static String agent(HttpProbe http, String name, String instructions, String model, String tools) {
		Reply created = http.json("POST", "/api/v1/agents", definition(name, instructions, model, tools));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private static String definition(String name, String instructions, String model, String tools) {
		return "{\"name\":\"" + name + "\",\"instructions\":\"" + instructions + "\",\"model\":{\"chain\":[{\"provider\":\"sim\","
				+ "\"model\":\"" + model + "\"}]},\"tools\":" + tools + "}";
	}

	private static List<String> types(JsonNode result) {
		return result.get("events").valueStream().map(event -> event.get("type").asString()).toList();
	}

	private static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}
}

package dev.rampart.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerSentEvents;
import dev.rampart.ServerSentEvents.Event;
import dev.rampart.ServerTest;
import dev.rampart.sim.Fault;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.ScriptRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Model chains over HTTP (docs/providers.md, "Fallback chains"): two tenant providers of type {@code sim}, each with
 * its own breaker, in front of the built-in simulator; the primary's model is {@code sim-echo}, the fallback's
 * {@code sim-tools} (which echoes too when no tool is offered), so a simulator rule can fail one and not the other.
 */
@ServerTest
class FallbackIT {

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	private List<ScriptRule> rulesBefore;
	private HttpProbe owner;
	private String marker;

	@BeforeEach
	void setUp() {
		rulesBefore = sim.control().rules();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		owner = HttpProbe.ownerOfNewTenant(port, "fallback-" + suffix, "fallback-" + suffix + "@example.com",
				"sturdy-horse-battery-" + UUID.randomUUID());
		marker = "fallback-" + suffix;
	}

	@AfterEach
	void restore() {
		sim.control().setRules(rulesBefore);
	}

	/** A provider of type sim with one attempt per call and a breaker that opens after {@code failures}. */
	private void provider(String id, int failures) {
		Reply created = owner.json("POST", "/api/v1/providers", """
				{"id":"%s","type":"sim","baseUrl":"%s/v1","models":[{"name":"sim-echo"},{"name":"sim-tools"}],
				 "retry":{"maxAttempts":1},"breaker":{"failures":%d,"waitMs":60000}}""".formatted(id, sim.baseUrl(), failures));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	private void failModel(String model) {
		sim.control().addRule(ScriptRule.builder(marker + "-" + model).model(model).lastUserContains(marker)
			.fault(Fault.SERVER_ERROR, 1.0).build());
	}

	private Reply chat(String cache, boolean stream) {
		return owner.json("POST", "/api/v1/providers/primary/chat", """
				{"model":"sim-echo","messages":[{"role":"user","content":"%s"}],"fallbacks":["backup/sim-tools"],
				 "cache":"%s","stream":%s}""".formatted(marker, cache, stream));
	}

	@Test
	void whenThePrimaryFailsTheFallbackServesAndIsChargedForIt() {
		provider("primary", 5);
		provider("backup", 5);
		failModel("sim-echo");

		Reply reply = chat("off", false);

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().get("reply").asString()).isEqualTo(marker);
		JsonNode servedBy = reply.json().get("servedBy");
		assertThat(servedBy.get("provider").asString()).isEqualTo("backup");
		assertThat(servedBy.get("model").asString()).isEqualTo("sim-tools");
		assertThat(servedBy.get("position").asInt()).isEqualTo(1);
		assertThat(servedBy.get("cached").asBoolean()).isFalse();
		JsonNode byModel = owner.get("/api/v1/usage?groupBy=model").json().get("items");
		assertThat(byModel.valueStream().map(item -> item.get("key").asString())).containsExactly("backup/sim-tools");
	}

	@Test
	void aStreamFallsBackWhenThePrimaryFailsBeforeItsFirstToken() {
		provider("primary", 5);
		provider("backup", 5);
		failModel("sim-echo");

		Reply reply = chat("off", true);

		List<Event> events = ServerSentEvents.parse(reply.body());
		assertThat(events.stream().filter(event -> event.name().equals("delta")).map(event -> event.data().get("text").asString())
			.reduce("", String::concat)).isEqualTo(marker);
		Event done = events.getLast();
		assertThat(done.name()).isEqualTo("done");
		assertThat(done.data().get("servedBy").get("provider").asString()).isEqualTo("backup");
	}

	@Test
	void whenEveryModelFailsACacheEligibleRequestGetsTheCachedReply() {
		provider("primary", 5);
		provider("backup", 5);
		Reply first = chat("fallback", false);
		assertThat(first.json().get("servedBy").get("cached").asBoolean()).isFalse();
		failModel("sim-echo");
		failModel("sim-tools");
		long before = sim.control().stats().requests();

		Reply reply = chat("fallback", false);

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().get("reply").asString()).isEqualTo(marker);
		assertThat(reply.json().get("servedBy").get("cached").asBoolean()).isTrue();
		// both models were tried before the cache answered
		assertThat(sim.control().stats().requests() - before).isEqualTo(2);
	}

	@Test
	void whenEveryModelFailsAndNothingIsCachedTheCallerGetsARecoveryEstimateFromTheBreakers() {
		provider("primary", 1);
		provider("backup", 1);
		failModel("sim-echo");
		failModel("sim-tools");

		Reply failed = chat("off", false);

		assertThat(failed.status()).as(failed.body()).isEqualTo(503);
		assertThat(failed.json().get("code").asString()).isEqualTo("PROVIDER_UNAVAILABLE");
		assertThat(failed.json().get("canRetry").asBoolean()).isTrue();
		assertThat(failed.json().get("estimatedRecoveryTime").asInt()).isBetween(1, 60);
		assertThat(failed.json().get("technicalDetails").asString()).contains("primary/sim-echo", "backup/sim-tools");

		// both breakers are open now: refused at once, no provider called
		long before = sim.control().stats().requests();
		Reply refused = chat("off", false);
		assertThat(refused.json().get("code").asString()).isEqualTo("PROVIDER_UNAVAILABLE");
		assertThat(refused.json().get("estimatedRecoveryTime").asInt()).isBetween(1, 60);
		assertThat(sim.control().stats().requests()).isEqualTo(before);
		JsonNode opened = owner.get("/api/v1/audit-events?action=provider.breaker_open").json().get("items");
		assertThat(opened.valueStream().map(event -> event.get("targetId").asString())).containsExactlyInAnyOrder("primary",
				"backup");
		JsonNode health = owner.get("/api/v1/providers/primary/health").json();
		assertThat(health.get("status").asString()).isEqualTo("DEGRADED");
		assertThat(health.get("breakers").get("sim-echo").asString()).isEqualTo("OPEN");
	}
}

package dev.rampart.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
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
 * A provider with two keys over HTTP (docs/providers.md, "Several keys"): the simulator rate-limits or rejects one
 * key; calls go on with the other, and the first comes back after its {@code Retry-After} (the simulator's is 1 s).
 */
@ServerTest
class KeyBalancingIT {

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	private List<ScriptRule> rulesBefore;
	private Set<String> keysBefore;
	private HttpProbe owner;
	private String marker;
	private String busyKey;
	private String freeKey;

	@BeforeEach
	void setUp() {
		rulesBefore = sim.control().rules();
		keysBefore = sim.control().acceptedApiKeys();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		owner = HttpProbe.ownerOfNewTenant(port, "keys-" + suffix, "keys-" + suffix + "@example.com",
				"sturdy-horse-battery-" + UUID.randomUUID());
		marker = "keys-" + suffix;
		busyKey = "sk-busy-" + UUID.randomUUID();
		freeKey = "sk-free-" + UUID.randomUUID();
		String busy = credential("busy-" + suffix, busyKey);
		String free = credential("free-" + suffix, freeKey);
		Reply created = owner.json("POST", "/api/v1/providers", """
				{"id":"balanced","type":"sim","baseUrl":"%s/v1","credentials":["%s","%s"],"models":[{"name":"sim-echo"}],
				 "retry":{"maxAttempts":1}}""".formatted(sim.baseUrl(), busy, free));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	@AfterEach
	void restore() {
		sim.control().setRules(rulesBefore);
		sim.control().setAcceptedApiKeys(keysBefore);
	}

	private String credential(String name, String secret) {
		Reply created = owner.json("POST", "/api/v1/credentials",
				"{\"name\":\"" + name + "\",\"provider\":\"sim\",\"secret\":\"" + secret + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private Reply chat() {
		return owner.json("POST", "/api/v1/providers/balanced/chat",
				"{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + marker + "\"}]}");
	}

	private long rateLimited() {
		return sim.control().stats().byFault().getOrDefault(Fault.RATE_LIMITED.wireName(), 0L);
	}

	@Test
	void aRateLimitedKeyRestsForItsRetryAfterWhileTheOtherKeyServes() {
		sim.control().addRule(ScriptRule.builder(marker).apiKey(busyKey).fault(Fault.RATE_LIMITED, 1.0).build());
		long before = rateLimited();

		// round robin starts at the first key: it is rate-limited, the call goes on at once with the second
		for (int i = 0; i < 4; i++) {
			Reply reply = chat();
			assertThat(reply.status()).as(reply.body()).isEqualTo(200);
			assertThat(reply.json().get("reply").asString()).isEqualTo(marker);
		}
		// the resting key was not sent again within its Retry-After
		assertThat(rateLimited() - before).isEqualTo(1);

		// after the Retry-After the first key is back in rotation (and, the rule still on, limited again)
		await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(10)).until(() -> {
			assertThat(chat().status()).isEqualTo(200);
			return rateLimited() - before == 2;
		});
	}

	@Test
	void aRejectedKeyIsDisabledReportedAndSkippedUntilTheProviderIsSavedAgain() {
		sim.control().setAcceptedApiKeys(Set.of(freeKey));

		for (int i = 0; i < 3; i++) {
			Reply reply = chat();
			assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		}

		JsonNode provider = owner.get("/api/v1/providers/balanced").json();
		JsonNode busy = provider.get("credentials").get(0);
		assertThat(busy.get("disabled").asBoolean()).isTrue();
		assertThat(busy.get("disabledReason").asString()).contains("401");
		assertThat(provider.get("credentials").get(1).get("disabled").asBoolean()).isFalse();
		assertThat(provider.toString()).doesNotContain(busyKey).doesNotContain(freeKey);
		JsonNode events = owner.get("/api/v1/audit-events?action=provider.key_disabled").json().get("items");
		assertThat(events.size()).isEqualTo(1);
		assertThat(owner.get("/api/v1/providers/balanced/health").json().get("keysDisabled").asInt()).isEqualTo(1);

		// with every key rejected, the caller is told the provider refused Rampart's credentials
		sim.control().setAcceptedApiKeys(Set.of("sk-neither"));
		Reply refused = chat();
		assertThat(refused.status()).isEqualTo(502);
		assertThat(refused.json().get("code").asString()).isEqualTo("PROVIDER_AUTH_FAILED");
	}
}

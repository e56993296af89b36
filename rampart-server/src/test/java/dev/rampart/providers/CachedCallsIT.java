package dev.rampart.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerSentEvents;
import dev.rampart.ServerSentEvents.Event;
import dev.rampart.ServerTest;
import dev.rampart.sim.LlmSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The response cache on the call path (docs/providers.md, "Response cache"): a deterministic request is answered
 * from the cache the second time, with no provider call and nothing charged; streams replay it; opting out or
 * invalidating sends the call to the provider again. Each test has its own tenant, so its own cache.
 */
@ServerTest
class CachedCallsIT {

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	private HttpProbe owner;
	private String marker;

	@BeforeEach
	void setUp() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		owner = HttpProbe.ownerOfNewTenant(port, "cache-" + suffix, "cache-" + suffix + "@example.com", "sturdy-horse-battery-" + UUID.randomUUID());
		marker = "cached-" + suffix;
	}

	private Reply chat(String extra) {
		return owner.json("POST", "/api/v1/providers/sim/chat", """
				{"model":"sim-echo","messages":[{"role":"user","content":"%s"}]%s}""".formatted(marker, extra));
	}

	/** The first answer is stored off the caller's thread: waits until a repeat is served from the cache. */
	private Reply cachedRepeat(String extra) {
		Reply[] last = new Reply[1];
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			last[0] = chat(extra);
			return last[0].json().get("servedBy").get("cached").asBoolean();
		});
		return last[0];
	}

	@Test
	void aDeterministicRequestIsAnsweredFromTheCacheWithoutCallingOrChargingTheProvider() {
		Reply first = chat(",\"temperature\":0");
		assertThat(first.json().get("servedBy").get("cached").asBoolean()).isFalse();

		Reply repeat = cachedRepeat(",\"temperature\":0");
		long before = sim.control().stats().requests();
		Reply again = chat(",\"temperature\":0");

		assertThat(repeat.json().get("reply").asString()).isEqualTo(marker);
		assertThat(again.json().get("servedBy").get("cached").asBoolean()).isTrue();
		assertThat(again.json().get("servedBy").get("provider").asString()).isEqualTo("sim");
		assertThat(sim.control().stats().requests()).isEqualTo(before);
		JsonNode total = owner.get("/api/v1/usage").json().get("total");
		assertThat(total.get("calls").asInt()).isEqualTo(1);
	}

	@Test
	void aStreamReplaysTheCachedReply() {
		chat(",\"temperature\":0");
		cachedRepeat(",\"temperature\":0");
		long before = sim.control().stats().requests();

		Reply streamed = chat(",\"temperature\":0,\"stream\":true");

		List<Event> events = ServerSentEvents.parse(streamed.body());
		assertThat(events.stream().filter(event -> event.name().equals("delta")).map(event -> event.data().get("text").asString())
			.reduce("", String::concat)).isEqualTo(marker);
		assertThat(events.getLast().data().get("servedBy").get("cached").asBoolean()).isTrue();
		assertThat(sim.control().stats().requests()).isEqualTo(before);
	}

	@Test
	void aRandomRequestOrOneThatOptsOutGoesToTheProviderEveryTime() {
		chat(",\"temperature\":0.7");
		chat(",\"temperature\":0,\"cache\":\"off\"");
		long before = sim.control().stats().requests();

		assertThat(chat(",\"temperature\":0.7").json().get("servedBy").get("cached").asBoolean()).isFalse();
		assertThat(chat(",\"temperature\":0,\"cache\":\"off\"").json().get("servedBy").get("cached").asBoolean()).isFalse();
		assertThat(sim.control().stats().requests() - before).isEqualTo(2);
	}

	@Test
	void preferServesAnyTemperatureFromTheCacheAndInvalidationEndsIt() {
		chat(",\"temperature\":0.9,\"cache\":\"prefer\"");
		cachedRepeat(",\"temperature\":0.9,\"cache\":\"prefer\"");

		Reply removed = owner.json("DELETE", "/api/v1/providers/cache", "");
		assertThat(removed.status()).as(removed.body()).isEqualTo(200);
		long before = sim.control().stats().requests();

		Reply after = chat(",\"temperature\":0.9,\"cache\":\"prefer\"");
		assertThat(after.json().get("servedBy").get("cached").asBoolean()).isFalse();
		assertThat(sim.control().stats().requests() - before).isEqualTo(1);
	}
}

package dev.rampart.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;

import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderType;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.secrets.Credentials;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.SimulatorOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** {@code llm_providers}: UP while the built-in providers answer, DEGRADED (never DOWN) when one does not. */
class ProvidersHealthIndicatorTest {

	private final ProviderResilience resilience = new ProviderResilience(Clock.systemUTC(), new SimpleMeterRegistry(),
			wait -> {
			}, new SplittableRandom(1), null);

	private ProvidersHealthIndicator indicator(Provider provider) {
		return new ProvidersHealthIndicator(new FixedRegistry(List.of(provider)),
				new ProviderProbe(resilience, mock(Credentials.class)), resilience);
	}

	@Test
	void aBuiltInProviderThatAnswersIsUp() {
		try (LlmSimulator sim = LlmSimulator.start(SimulatorOptions.builder().port(0).build())) {
			Provider provider = Provider.builtIn("sim", ProviderType.SIM, URI.create(sim.baseUrl() + "/v1"), List.of("sim-echo"),
					ProvidersProperties.Resilience.defaults());

			Health health = indicator(provider).health();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("sim", "openBreakers");
		}
	}

	@Test
	void aBuiltInProviderThatDoesNotAnswerDegradesTheComponentWithoutTakingTheNodeDown() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		Provider provider = Provider.builtIn("gone", ProviderType.SIM, URI.create("http://127.0.0.1:" + closed + "/v1"),
				List.of("m"), ProvidersProperties.Resilience.defaults());

		Health health = indicator(provider).health();

		assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
		assertThat(health.getDetails().get("gone").toString()).contains("DOWN");
	}
}

package dev.rampart.providers.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.List;

import dev.rampart.providers.Provider;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.providers.ProviderType;
import dev.rampart.secrets.CredentialCheck.Status;
import dev.rampart.secrets.SecretValue;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks a credential against a simulator that accepts exactly one API key. */
class ProviderCredentialVerifierTest {

	static LlmSimulator sim;

	static ProviderCredentialVerifier verifier;

	@BeforeAll
	static void start() throws IOException {
		sim = LlmSimulator.start(SimulatorOptions.builder().port(0).acceptedApiKeys(List.of("sk-the-right-key")).build());
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		List<Provider> providers = List.of(
				Provider.builtIn("strict-sim", ProviderType.SIM, URI.create(sim.baseUrl() + "/v1"), List.of("sim-echo"), ProvidersProperties.Resilience.defaults()),
				Provider.builtIn("strict-anthropic", ProviderType.ANTHROPIC, URI.create(sim.baseUrl() + "/v1"), List.of("sim-echo"),
						ProvidersProperties.Resilience.defaults()),
				Provider.builtIn("gone", ProviderType.OPENAI, URI.create("http://127.0.0.1:" + closed + "/v1"), List.of(), ProvidersProperties.Resilience.defaults()));
		verifier = new ProviderCredentialVerifier(new FixedRegistry(providers), Clock.systemUTC());
	}

	@AfterAll
	static void stop() {
		sim.close();
	}

	@Test
	void theKeyTheProviderAcceptsIsValid() {
		assertThat(verifier.verify("strict-sim", SecretValue.of("sk-the-right-key")).status()).isEqualTo(Status.VALID);
		assertThat(verifier.verify("strict-anthropic", SecretValue.of("sk-the-right-key")).status()).isEqualTo(Status.VALID);
	}

	@Test
	void aKeyTheProviderRejectsIsInvalid() {
		assertThat(verifier.verify("strict-sim", SecretValue.of("sk-a-wrong-key")).status()).isEqualTo(Status.INVALID);
		assertThat(verifier.verify("strict-anthropic", SecretValue.of("sk-a-wrong-key")).message()).contains("HTTP 401");
	}

	@Test
	void aProviderThatCannotBeReachedSaysNothingAboutTheKey() {
		assertThat(verifier.verify("gone", SecretValue.of("sk-the-right-key")).status()).isEqualTo(Status.UNREACHABLE);
	}

	@Test
	void providersAreTheRegisteredOnesPlusThePublicApis() {
		assertThat(verifier.providers()).contains("strict-sim", "gone", "openai", "anthropic");
		assertThat(verifier.verify("nobody", SecretValue.of("k")).status()).isEqualTo(Status.UNSUPPORTED);
	}
}

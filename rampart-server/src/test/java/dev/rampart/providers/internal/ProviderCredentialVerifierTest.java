package dev.rampart.providers.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

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

/**
 * Checks a credential against a simulator that accepts exactly one API key (in each API's own header), and against a
 * stand-in for Gemini's model list that answers an unknown key with 400, as Google does.
 */
class ProviderCredentialVerifierTest {

	static LlmSimulator sim;

	static HttpServer gemini;

	static ProviderCredentialVerifier verifier;

	/** The public APIs of OpenAI and Gemini pointed at the simulator's dialects. */
	static ProviderCredentialVerifier publicApis;

	/** Gemini pointed at the stand-in that answers an unknown key as Google does. */
	static ProviderCredentialVerifier geminiAnswering400;

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
		gemini = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		gemini.createContext("/v1beta/models", exchange -> {
			exchange.sendResponseHeaders("g-the-right-key".equals(exchange.getRequestHeaders().getFirst("x-goog-api-key"))
					? 200 : 400, -1);
			exchange.close();
		});
		gemini.start();
		publicApis = new ProviderCredentialVerifier(new FixedRegistry(List.of()), Clock.systemUTC(),
				Map.of(ProviderType.OPENAI, URI.create(sim.baseUrl() + "/v1"),
						ProviderType.GEMINI, URI.create(sim.baseUrl() + "/v1beta")));
		geminiAnswering400 = new ProviderCredentialVerifier(new FixedRegistry(List.of()), Clock.systemUTC(),
				Map.of(ProviderType.GEMINI, URI.create("http://127.0.0.1:" + gemini.getAddress().getPort() + "/v1beta")));
	}

	@AfterAll
	static void stop() {
		sim.close();
		gemini.stop(0);
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
	void providersAreEveryTypeAndTheBuiltInOnes() {
		assertThat(verifier.providers()).contains("strict-sim", "gone", "openai", "openai-compatible", "anthropic", "ollama",
				"gemini", "azure-openai", "sim");
		assertThat(verifier.verify("nobody", SecretValue.of("k")).status()).isEqualTo(Status.UNSUPPORTED);
	}

	@Test
	void aTypeWithAPublicApiIsCheckedThere() {
		assertThat(publicApis.verify("openai", SecretValue.of("sk-the-right-key")).status()).isEqualTo(Status.VALID);
		assertThat(publicApis.verify("openai", SecretValue.of("sk-a-wrong-key")).status()).isEqualTo(Status.INVALID);
		assertThat(publicApis.verify("gemini", SecretValue.of("sk-the-right-key")).status()).isEqualTo(Status.VALID);
		assertThat(publicApis.verify("gemini", SecretValue.of("sk-a-wrong-key")).status()).isEqualTo(Status.INVALID);
	}

	@Test
	void geminisAnswerToAnUnknownKeyIs400AndMeansInvalid() {
		assertThat(geminiAnswering400.verify("gemini", SecretValue.of("g-the-right-key")).status()).isEqualTo(Status.VALID);
		assertThat(geminiAnswering400.verify("gemini", SecretValue.of("g-a-wrong-key")).status()).isEqualTo(Status.INVALID);
	}

	@Test
	void aTypeWhoseUrlIsConfiguredPerProviderIsCheckedWhenCalled() {
		for (String type : List.of("openai-compatible", "azure-openai", "ollama", "sim")) {
			var check = publicApis.verify(type, SecretValue.of("sk-the-right-key"));

			assertThat(check.status()).as(type).isEqualTo(Status.UNSUPPORTED);
			assertThat(check.message()).as(type).contains("checked when a provider configured with it is called");
		}
	}
}

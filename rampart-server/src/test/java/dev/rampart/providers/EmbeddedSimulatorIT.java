package dev.rampart.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A new node has provider {@code sim}: the simulator, started in-process, reachable by a real client. */
@ServerTest
class EmbeddedSimulatorIT {

	@LocalServerPort
	int port;

	@Autowired
	ProviderRegistry registry;

	@Test
	void theSimulatorIsRegisteredAsProviderSim() {
		Reply providers = HttpProbe.signedIn(port).get("/api/v1/providers");

		assertThat(providers.status()).isEqualTo(200);
		assertThat(providers.json().get(0).get("id").asString()).isEqualTo("sim");
		assertThat(providers.body()).contains("sim-echo").contains("sim-tools").doesNotContain("127.0.0.1");
	}

	@Test
	void theSimProviderAnswersARealOpenAiClient() {
		Provider sim = registry.builtIn().stream().filter(p -> p.id().equals("sim")).findFirst().orElseThrow();
		OpenAiChatModel model = OpenAiChatModel.builder()
			.baseUrl(sim.baseUrl().toString())
			.apiKey("no-key-needed")
			.modelName("sim-echo")
			.maxRetries(0)
			.build();

		assertThat(model.chat("Hello from Rampart")).isEqualTo("Hello from Rampart");
	}

	@Test
	void providerHealthCallsTheProvider() {
		Reply health = HttpProbe.signedIn(port).get("/api/v1/providers/sim/health");

		assertThat(health.json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void anUnknownProviderIsNotFound() {
		Reply reply = HttpProbe.signedIn(port).get("/api/v1/providers/nope");

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.json().get("code").asString()).isEqualTo("RESOURCE_NOT_FOUND");
	}
}

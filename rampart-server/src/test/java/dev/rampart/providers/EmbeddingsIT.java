package dev.rampart.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.rampart.ServerTest;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Embeddings through the gateway from the built-in simulator's {@code sim-embed} (docs/providers.md, "Provider types"). */
@ServerTest
class EmbeddingsIT {

	private final LlmGateway gateway;

	@Autowired
	EmbeddingsIT(LlmGateway gateway) {
		this.gateway = gateway;
	}

	@Test
	void textsAreEmbeddedInOrderAndTheSameTextGetsTheSameVector() {
		List<float[]> vectors = gateway.embed(TenantId.DEFAULT, new ModelTarget("sim", "sim-embed"),
				List.of("the cat sat", "quarterly revenue grew", "the cat sat"));

		assertThat(vectors).hasSize(3);
		assertThat(vectors.getFirst()).hasSize(384);
		assertThat(vectors.get(2)).containsExactly(vectors.getFirst());
		assertThat(vectors.get(1)).isNotEqualTo(vectors.getFirst());
	}
}

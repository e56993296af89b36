package dev.rampart.providers.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import dev.rampart.providers.ProviderType;
import org.jspecify.annotations.Nullable;

/**
 * The model-list request of each provider type: the one authenticated read every supported API offers, costing no
 * tokens. The health probe and the credential check both send it, so a key is sent the way each API expects it.
 */
final class ModelLists {

	private ModelLists() {
	}

	/**
	 * @param base the provider's base URL (Gemini's ends in its API version, {@code /v1beta})
	 * @param apiVersion Azure OpenAI's {@code api-version}; ignored by the other types
	 * @param key the key to send, or null to send none
	 */
	static HttpRequest request(ProviderType type, URI base, @Nullable String apiVersion, @Nullable String key,
			Duration timeout) {
		HttpRequest.Builder request = switch (type) {
			case ANTHROPIC -> HttpRequest.newBuilder(URI.create(base + "/models"))
				.header("anthropic-version", ModelClients.ANTHROPIC_VERSION);
			case AZURE_OPENAI -> HttpRequest.newBuilder(URI.create(base + "/openai/models?api-version=" + apiVersion));
			case OLLAMA -> HttpRequest.newBuilder(URI.create(base + "/api/tags"));
			case GEMINI, SIM, OPENAI, OPENAI_COMPATIBLE -> HttpRequest.newBuilder(URI.create(base + "/models"));
		};
		if (key != null) {
			switch (type) {
				case ANTHROPIC -> request.header("x-api-key", key);
				case AZURE_OPENAI -> request.header("api-key", key);
				case GEMINI -> request.header("x-goog-api-key", key);
				default -> request.header("Authorization", "Bearer " + key);
			}
		}
		return request.timeout(timeout).GET().build();
	}
}

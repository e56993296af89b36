package dev.rampart.providers.internal;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.googleai.GoogleAiEmbeddingModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderException;
import dev.rampart.providers.ProviderException.Kind;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.secrets.CredentialDeleted;
import dev.rampart.secrets.CredentialUpdated;
import dev.rampart.secrets.Credentials;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The adapters: LangChain4j model clients for each {@link dev.rampart.providers.ProviderType}, built once per provider
 * configuration, key and (for Azure OpenAI, whose model is in the URL) model, with the provider's time limits and
 * no retries of their own (retries are {@link ProviderResilience}'s). Every client sends its HTTP through
 * {@link HeaderKeepingHttpClient}, so {@code Retry-After} reaches the failure mapping. A key's secret is read from
 * the credentials store when its client is built; replacing or deleting the credential drops its clients.
 */
@Component
class ModelClients {

	/** What an OpenAI client sends as key to a provider configured without one (the built-in simulator). */
	private static final String NO_KEY = "none";
	static final String ANTHROPIC_VERSION = "2023-06-01";

	/** A provider's chat clients for one key. */
	record Clients(ChatModel chat, StreamingChatModel streaming) {
	}

	private final Credentials credentials;
	private final boolean allowPrivateNetworks;
	private final Cache<String, Clients> clients = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterAccess(Duration.ofHours(1))
		.build();
	private final Cache<String, EmbeddingModel> embeddings = Caffeine.newBuilder()
		.maximumSize(1_000)
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	ModelClients(Credentials credentials, ProvidersProperties properties) {
		this.credentials = credentials;
		this.allowPrivateNetworks = properties.allowPrivateNetworks();
	}

	Clients of(Provider provider, String model, @Nullable UUID key) {
		return clients.get(cacheKey(provider, model, key), ignored -> build(checked(provider), model, secret(provider, key)));
	}

	EmbeddingModel embeddings(Provider provider, String model, @Nullable UUID key) {
		return embeddings.get(cacheKey(provider, model, key),
				ignored -> embeddingModel(checked(provider), model, secret(provider, key)));
	}

	/**
	 * A tenant's base URL is checked again (BaseUrlPolicy) when its client is built: the name may resolve elsewhere
	 * now than when the provider was saved.
	 */
	private Provider checked(Provider provider) {
		if (provider.tenant() != null) {
			BaseUrlPolicy.refusal(provider.baseUrl(), allowPrivateNetworks).ifPresent(reason -> {
				throw new ProviderException(Kind.INVALID_REQUEST, "The base URL of provider '" + provider.id() + "' " + reason
						+ ".", null, null);
			});
		}
		return provider;
	}

	@EventListener
	void on(CredentialUpdated event) {
		forget(event.after().id());
	}

	@EventListener
	void on(CredentialDeleted event) {
		forget(event.credential().id());
	}

	private void forget(UUID credential) {
		String suffix = "|" + credential;
		clients.asMap().keySet().removeIf(key -> key.endsWith(suffix));
		embeddings.asMap().keySet().removeIf(key -> key.endsWith(suffix));
	}

	private static String cacheKey(Provider provider, String model, @Nullable UUID key) {
		String perModel = provider.type() == dev.rampart.providers.ProviderType.AZURE_OPENAI ? "#" + model : "";
		return provider.key() + perModel + "|" + key;
	}

	private @Nullable String secret(Provider provider, @Nullable UUID key) {
		if (key == null || provider.tenant() == null) {
			return null;
		}
		try (SecretValue secret = credentials.use(provider.tenant(), key)
			.orElseThrow(() -> new ProviderException(Kind.AUTHENTICATION,
					"Credential " + key + " of provider '" + provider.id() + "' no longer exists.", null, null))) {
			return secret.reveal();
		}
	}

	private static Clients build(Provider provider, String model, @Nullable String key) {
		KeepingHeaders http = new KeepingHeaders(provider.resilience());
		String base = provider.baseUrl().toString();
		return switch (provider.type()) {
			case SIM, OPENAI, OPENAI_COMPATIBLE -> new Clients(
					OpenAiChatModel.builder().baseUrl(base).apiKey(key == null ? NO_KEY : key).maxRetries(0)
						.httpClientBuilder(http).build(),
					OpenAiStreamingChatModel.builder().baseUrl(base).apiKey(key == null ? NO_KEY : key)
						.httpClientBuilder(http).build());
			case AZURE_OPENAI -> {
				String deployment = base + "/openai/deployments/" + model;
				Map<String, String> headers = key == null ? Map.of() : Map.of("api-key", key);
				Map<String, String> query = Map.of("api-version", String.valueOf(provider.apiVersion()));
				yield new Clients(
						OpenAiChatModel.builder().baseUrl(deployment).customHeaders(headers).customQueryParams(query)
							.maxRetries(0).httpClientBuilder(http).build(),
						OpenAiStreamingChatModel.builder().baseUrl(deployment).customHeaders(headers)
							.customQueryParams(query).httpClientBuilder(http).build());
			}
			case ANTHROPIC -> new Clients(
					AnthropicChatModel.builder().baseUrl(base).apiKey(key == null ? NO_KEY : key).version(ANTHROPIC_VERSION)
						.maxRetries(0).httpClientBuilder(http).build(),
					AnthropicStreamingChatModel.builder().baseUrl(base).apiKey(key == null ? NO_KEY : key)
						.version(ANTHROPIC_VERSION).httpClientBuilder(http).build());
			case OLLAMA -> {
				Map<String, String> headers = key == null ? Map.of() : Map.of("Authorization", "Bearer " + key);
				yield new Clients(
						OllamaChatModel.builder().baseUrl(base).customHeaders(headers).maxRetries(0).httpClientBuilder(http)
							.build(),
						OllamaStreamingChatModel.builder().baseUrl(base).customHeaders(headers).httpClientBuilder(http).build());
			}
			case GEMINI -> new Clients(
					GoogleAiGeminiChatModel.builder().baseUrl(base).apiKey(key == null ? NO_KEY : key).maxRetries(0)
						.httpClientBuilder(http).build(),
					GoogleAiGeminiStreamingChatModel.builder().baseUrl(base).apiKey(key == null ? NO_KEY : key)
						.httpClientBuilder(http).build());
		};
	}

	private static EmbeddingModel embeddingModel(Provider provider, String model, @Nullable String key) {
		KeepingHeaders http = new KeepingHeaders(provider.resilience());
		return switch (provider.type()) {
			case SIM, OPENAI, OPENAI_COMPATIBLE -> OpenAiEmbeddingModel.builder().baseUrl(provider.baseUrl().toString())
				.apiKey(key == null ? NO_KEY : key).modelName(model).maxRetries(0).httpClientBuilder(http).build();
			case OLLAMA -> OllamaEmbeddingModel.builder().baseUrl(provider.baseUrl().toString())
				.customHeaders(key == null ? Map.of() : Map.of("Authorization", "Bearer " + key)).modelName(model).maxRetries(0)
				.httpClientBuilder(http).build();
			case GEMINI -> GoogleAiEmbeddingModel.builder().baseUrl(provider.baseUrl().toString())
				.apiKey(key == null ? NO_KEY : key).modelName(model).maxRetries(0).httpClientBuilder(http).build();
			default -> throw new RampartException(ErrorCode.PROVIDER_REJECTED_REQUEST,
					"Provider '" + provider.id() + "' (" + provider.type().wireName() + ") offers no embeddings through Rampart.");
		};
	}

	/** Builds {@link HeaderKeepingHttpClient}s with the provider's connect and total time limits. */
	private static final class KeepingHeaders implements HttpClientBuilder {

		private final Duration connectTimeout;
		private final Duration readTimeout;

		KeepingHeaders(ProvidersProperties.Resilience limits) {
			this.connectTimeout = limits.connectTimeout();
			this.readTimeout = limits.totalTimeout();
		}

		@Override
		public Duration connectTimeout() {
			return connectTimeout;
		}

		@Override
		public HttpClientBuilder connectTimeout(Duration timeout) {
			// LangChain4j passes its own default when none was set on the model: the configured limit wins
			return this;
		}

		@Override
		public Duration readTimeout() {
			return readTimeout;
		}

		@Override
		public HttpClientBuilder readTimeout(Duration timeout) {
			return this;
		}

		@Override
		public HttpClient build() {
			return new HeaderKeepingHttpClient(connectTimeout, readTimeout);
		}
	}
}

package dev.rampart.providers.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.providers.ModelSpec;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderConfigurations.Configured;
import dev.rampart.providers.ProviderKey;
import dev.rampart.providers.ProvidersProperties.Resilience;
import dev.rampart.secrets.Credential;
import org.jspecify.annotations.Nullable;

/**
 * What {@code /api/v1/providers} shows of a provider: its settings resolved (the node's defaults where the tenant set
 * none) and its credentials by id, name and hint — never a secret. A built-in provider shows no base URL (it is the
 * node's own loopback address) and no timestamps.
 *
 * @param baseUrl null for a built-in provider
 * @param credentials in the configured order; a credential deleted since has no name and no hint
 */
record ProviderView(String id, String type, @Nullable String baseUrl, boolean builtIn, List<ModelView> models,
		List<CredentialView> credentials, @Nullable String apiVersion, Timeouts timeouts, Retry retry, Breaker breaker,
		int maxConcurrentCalls, long version, @Nullable Instant createdAt, @Nullable Instant updatedAt) {

	/** @param inputPrice USD per million input tokens as an exact decimal string, or null when not configured */
	record ModelView(String name, @Nullable Integer contextWindow, @Nullable String inputPrice, @Nullable String outputPrice) {
	}

	record CredentialView(UUID id, @Nullable String name, @Nullable String secretHint, boolean disabled,
			@Nullable Instant disabledAt, @Nullable String disabledReason) {
	}

	record Timeouts(long connectMs, long firstTokenMs, long totalMs) {
	}

	record Retry(int maxAttempts, long backoffBaseMs, long backoffMaxMs, long maxRetryAfterMs) {
	}

	record Breaker(int failures, long waitMs) {
	}

	static ProviderView builtIn(Provider provider) {
		return of(provider, null, null, Map.of());
	}

	static ProviderView of(Configured configured, Map<UUID, Credential> credentials) {
		return of(configured.provider(), configured.createdAt(), configured.updatedAt(), credentials);
	}

	/** The {@code ETag} of a provider: its version, quoted. */
	static String etag(long version) {
		return "\"" + version + "\"";
	}

	private static ProviderView of(Provider provider, @Nullable Instant createdAt, @Nullable Instant updatedAt,
			Map<UUID, Credential> credentials) {
		Resilience settings = provider.resilience();
		return new ProviderView(provider.id(), provider.type().wireName(),
				provider.builtIn() ? null : provider.baseUrl().toString(), provider.builtIn(),
				provider.models().stream().map(ProviderView::model).toList(),
				provider.keys().stream().map(key -> credential(key, credentials.get(key.credentialId()))).toList(),
				provider.apiVersion(),
				new Timeouts(settings.connectTimeout().toMillis(), settings.firstTokenTimeout().toMillis(),
						settings.totalTimeout().toMillis()),
				new Retry(settings.maxAttempts(), settings.backoffBase().toMillis(), settings.backoffMax().toMillis(),
						settings.maxRetryAfter().toMillis()),
				new Breaker(settings.breakerFailures(), settings.breakerWait().toMillis()), settings.maxConcurrentCalls(),
				provider.version(), createdAt, updatedAt);
	}

	private static ModelView model(ModelSpec model) {
		return new ModelView(model.name(), model.contextWindow(), price(model.inputPrice()), price(model.outputPrice()));
	}

	private static CredentialView credential(ProviderKey key, @Nullable Credential credential) {
		return new CredentialView(key.credentialId(), credential == null ? null : credential.name(),
				credential == null ? null : credential.secretHint(), key.disabled(), key.disabledAt(), key.disabledReason());
	}

	private static @Nullable String price(@Nullable BigDecimal price) {
		return price == null ? null : price.stripTrailingZeros().toPlainString();
	}
}

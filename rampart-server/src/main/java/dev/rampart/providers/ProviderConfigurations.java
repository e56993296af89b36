package dev.rampart.providers;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.shared.IfMatch;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * The providers a tenant configured ({@code /api/v1/providers}; docs/providers.md, "Provider configurations"), as
 * stored: the write side of {@link ProviderRegistry}. Every change is audited ({@code provider.created|updated|deleted})
 * and seen at once by this node's registry. Callers validate the fields; this checks only what needs the store.
 */
public interface ProviderConfigurations {

	/** The tenant's configured providers, by id (built-in providers are not among them). */
	List<Configured> configurations(TenantId tenant);

	Optional<Configured> configuration(TenantId tenant, String id);

	/**
	 * Stores a new provider at version 1.
	 *
	 * @throws dev.rampart.shared.RampartException {@code PROVIDER_NAME_TAKEN} when the id is a built-in provider's or
	 *     the tenant already has it
	 */
	Configured create(TenantId tenant, Configuration configuration);

	/**
	 * Replaces the configuration of provider {@code configuration.id()} and raises its version; its keys are in use
	 * again, whatever the provider answered before.
	 *
	 * @param ifMatch the version the caller read ({@code If-Match}): a stale one is overwritten with a warning, or
	 *     refused when strict (see {@link dev.rampart.shared.VersionConflicts})
	 * @throws dev.rampart.shared.RampartException {@code RESOURCE_NOT_FOUND}, {@code PROVIDER_BUILT_IN},
	 *     {@code PRECONDITION_FAILED} when a strict {@code ifMatch} is not the stored version
	 */
	Configured replace(TenantId tenant, Configuration configuration, IfMatch ifMatch);

	/**
	 * Deletes the provider unless a {@link ProviderReferences} still names it.
	 *
	 * @throws dev.rampart.shared.RampartException {@code RESOURCE_NOT_FOUND}, {@code PROVIDER_BUILT_IN},
	 *     {@code PROVIDER_IN_USE}
	 */
	void delete(TenantId tenant, String id);

	/**
	 * What a tenant sets for a provider, checked by the caller.
	 *
	 * @param id the provider's id in the tenant
	 * @param baseUrl null for the type's {@link ProviderType#defaultBaseUrl()}
	 * @param credentials credential ids of the tenant, used round robin
	 * @param models at least one
	 * @param apiVersion for types that need one (Azure OpenAI)
	 * @param settings the resilience settings the tenant overrides
	 */
	record Configuration(String id, ProviderType type, @Nullable URI baseUrl, List<UUID> credentials, List<ModelSpec> models,
			@Nullable String apiVersion, Settings settings) {

		public Configuration {
			credentials = List.copyOf(credentials);
			models = List.copyOf(models);
		}
	}

	/**
	 * The resilience settings a tenant overrides for one provider; null takes the node's
	 * {@code rampart.providers.resilience} default (see {@link ProvidersProperties.Resilience} for each).
	 */
	record Settings(@Nullable Duration connectTimeout, @Nullable Duration firstTokenTimeout, @Nullable Duration totalTimeout,
			@Nullable Integer maxAttempts, @Nullable Duration backoffBase, @Nullable Duration backoffMax,
			@Nullable Duration maxRetryAfter, @Nullable Integer breakerFailures, @Nullable Duration breakerWait,
			@Nullable Integer maxConcurrentCalls) {

		public static final Settings NONE = new Settings(null, null, null, null, null, null, null, null, null, null);

		/**
		 * These overrides on top of {@code defaults}.
		 *
		 * @throws IllegalArgumentException naming the {@code rampart.providers.resilience} setting that is out of range
		 */
		public ProvidersProperties.Resilience resolve(ProvidersProperties.Resilience defaults) {
			return new ProvidersProperties.Resilience(or(maxAttempts, defaults.maxAttempts()),
					or(backoffBase, defaults.backoffBase()), or(backoffMax, defaults.backoffMax()),
					or(maxRetryAfter, defaults.maxRetryAfter()), or(breakerFailures, defaults.breakerFailures()),
					or(breakerWait, defaults.breakerWait()), or(maxConcurrentCalls, defaults.maxConcurrentCalls()),
					or(connectTimeout, defaults.connectTimeout()), or(firstTokenTimeout, defaults.firstTokenTimeout()),
					or(totalTimeout, defaults.totalTimeout()));
		}

		private static <T> T or(@Nullable T value, T fallback) {
			return value != null ? value : fallback;
		}
	}

	/**
	 * A stored provider.
	 *
	 * @param provider resolved as the registry hands it to model calls
	 * @param settings the overrides the tenant set (the rest of {@code provider.resilience()} are the node's defaults)
	 */
	record Configured(Provider provider, Settings settings, Instant createdAt, String createdBy, Instant updatedAt,
			String updatedBy) {
	}
}

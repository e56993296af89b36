package dev.rampart.providers;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Live checks of providers (docs/providers.md, "Health"). */
public interface ProviderHealth {

	/**
	 * What a probe found.
	 *
	 * @param status UP (the provider answered 2xx and no breaker of it is open), DEGRADED (it answered, a breaker is
	 *     open or half-open on this node) or DOWN (it did not answer 2xx within 5 s)
	 * @param latencyMs how long it took to answer, null when it did not
	 * @param error why it is DOWN ({@code HTTP 401}, {@code ConnectException} ...), null when it is not
	 * @param breakers each model's breaker state on this node: CLOSED, OPEN or HALF_OPEN
	 * @param keys how many keys the provider is configured with
	 * @param keysDisabled how many of them it rejected (taken out of rotation)
	 */
	record Result(String id, String type, String status, @Nullable Long latencyMs, @Nullable String error,
			Map<String, String> breakers, int keys, int keysDisabled) {
	}

	/** Lists the provider's models with its first key in use, bounded to 5 seconds; never throws for a provider that is down. */
	Result probe(Provider provider);
}

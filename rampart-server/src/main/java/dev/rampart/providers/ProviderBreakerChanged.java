package dev.rampart.providers;

import java.time.Duration;
import java.time.Instant;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * The circuit breaker of a provider's model changed state (docs/providers.md, "Failures and resilience"): published
 * as an application event for notifications (#9), besides the metric, the audit event and the log line.
 *
 * @param tenant the tenant whose provider it is, or null for a built-in provider (every tenant's)
 * @param provider the provider's id
 * @param model the model
 * @param from the state it left: {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}
 * @param to the state it entered
 * @param retryIn for {@code OPEN}, how long it refuses calls before a probe call; else null
 * @param at when
 */
public record ProviderBreakerChanged(@Nullable TenantId tenant, String provider, String model, String from, String to,
		@Nullable Duration retryIn, Instant at) {
}

package dev.rampart.providers.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderException;
import dev.rampart.providers.ProviderException.Kind;
import dev.rampart.providers.ProviderKey;
import dev.rampart.providers.ProviderRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Balances a provider's keys (docs/providers.md, "Several keys"): round robin over the keys in use; a key the provider
 * rate-limited rests for its {@code Retry-After} ({@link #DEFAULT_COOL_DOWN} when it sent none), a key it rejected as
 * unauthorized is taken out of rotation at once on this node and disabled in the configuration through the registry
 * (audited, visible to every node). State is per node and per provider configuration version.
 */
@Component
class KeyPool {

	/** How long a rate-limited key rests when the provider did not say. */
	static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(5);

	private final ProviderRegistry registry;
	private final Clock clock;
	private final MeterRegistry meters;
	private final Cache<String, AtomicInteger> cursors = Caffeine.newBuilder().expireAfterAccess(Duration.ofDays(1)).build();
	private final Cache<String, Instant> coolingUntil = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).build();
	private final Cache<String, Boolean> rejected = Caffeine.newBuilder().expireAfterWrite(Duration.ofDays(1)).build();

	KeyPool(ProviderRegistry registry, Clock clock, MeterRegistry meters) {
		this.registry = registry;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * The key the next attempt uses, or null for a provider configured without keys.
	 *
	 * @throws ProviderException {@code AUTHENTICATION} when every key was rejected; {@code RATE_LIMITED} with the
	 *     shortest rest left when every key in use is resting
	 */
	@Nullable UUID next(Provider provider) {
		List<ProviderKey> keys = provider.keys();
		if (keys.isEmpty()) {
			return null;
		}
		AtomicInteger cursor = cursors.get(provider.key(), key -> new AtomicInteger());
		Instant now = clock.instant();
		@Nullable Instant soonest = null;
		int start = cursor.getAndIncrement();
		for (int offset = 0; offset < keys.size(); offset++) {
			ProviderKey key = keys.get(Math.floorMod(start + offset, keys.size()));
			if (key.disabled() || rejected.getIfPresent(id(provider, key.credentialId())) != null) {
				continue;
			}
			Instant until = coolingUntil.getIfPresent(id(provider, key.credentialId()));
			if (until == null || !until.isAfter(now)) {
				return key.credentialId();
			}
			soonest = soonest == null || until.isBefore(soonest) ? until : soonest;
		}
		if (soonest == null) {
			throw new ProviderException(Kind.AUTHENTICATION, "Provider '" + provider.id()
					+ "' rejected every one of its keys; an administrator must replace them.", null, null);
		}
		throw new ProviderException(Kind.RATE_LIMITED, "Every key of provider '" + provider.id() + "' is rate-limited.",
				Duration.between(now, soonest), null);
	}

	/**
	 * The provider rate-limited {@code key}: it rests. Returns whether another key is ready now (then the call goes
	 * to it at once).
	 */
	boolean rateLimited(Provider provider, UUID key, @Nullable Duration retryAfter) {
		Duration rest = retryAfter == null || retryAfter.isNegative() || retryAfter.isZero() ? DEFAULT_COOL_DOWN : retryAfter;
		coolingUntil.put(id(provider, key), clock.instant().plus(rest));
		meters.counter("rampart.providers.keys.cooled", "provider", provider.id()).increment();
		return anyReady(provider);
	}

	/**
	 * The provider rejected {@code key} as unauthorized: out of rotation here at once, disabled in the configuration.
	 * Returns whether another key is ready now.
	 */
	boolean rejected(Provider provider, UUID key, String reason) {
		rejected.put(id(provider, key), Boolean.TRUE);
		meters.counter("rampart.providers.keys.disabled", "provider", provider.id()).increment();
		registry.disableKey(provider, key, reason);
		return anyReady(provider);
	}

	private boolean anyReady(Provider provider) {
		Instant now = clock.instant();
		return provider.keys().stream().anyMatch(key -> {
			if (key.disabled() || rejected.getIfPresent(id(provider, key.credentialId())) != null) {
				return false;
			}
			Instant until = coolingUntil.getIfPresent(id(provider, key.credentialId()));
			return until == null || !until.isAfter(now);
		});
	}

	private static String id(Provider provider, UUID key) {
		return provider.key() + "|" + key;
	}
}

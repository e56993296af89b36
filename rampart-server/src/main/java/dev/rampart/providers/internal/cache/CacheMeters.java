package dev.rampart.providers.internal.cache;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.shared.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Lookups per tier and result: node-wide as the counter {@code rampart.providers.cache.requests{tier,result}} (for
 * operators), and per tenant in memory (for the stats endpoint, which shows a tenant only its own traffic). The
 * per-tenant counts keep the {@link #TENANTS} most recently active tenants.
 */
final class CacheMeters {

	static final String REQUESTS = "rampart.providers.cache.requests";
	static final String SKIPPED = "rampart.providers.cache.skipped";
	static final int TENANTS = 100_000;

	enum Tier {
		L1, L2, L3
	}

	enum Result {
		HIT, MISS, ERROR
	}

	/** Why a reply was not stored. */
	enum Skip {
		TOO_LARGE, UNSTORABLE
	}

	private final Counter[] counters = new Counter[Tier.values().length * Result.values().length];
	private final Counter[] skips = new Counter[Skip.values().length];
	private final Cache<TenantId, AtomicLongArray> tenants = Caffeine.newBuilder().maximumSize(TENANTS).build();

	CacheMeters(MeterRegistry meters) {
		for (Tier tier : Tier.values()) {
			for (Result result : Result.values()) {
				counters[index(tier, result)] = Counter.builder(REQUESTS)
					.description("Response cache lookups per tier and result")
					.tag("tier", name(tier))
					.tag("result", name(result))
					.register(meters);
			}
		}
		for (Skip skip : Skip.values()) {
			skips[skip.ordinal()] = Counter.builder(SKIPPED)
				.description("Replies the response cache did not store, by reason")
				.tag("reason", name(skip))
				.register(meters);
		}
	}

	void count(TenantId tenant, Tier tier, Result result) {
		counters[index(tier, result)].increment();
		tenants.get(tenant, t -> new AtomicLongArray(counters.length)).incrementAndGet(index(tier, result));
	}

	void skipped(Skip reason) {
		skips[reason.ordinal()].increment();
	}

	/** The tenant's count on this node. */
	long of(TenantId tenant, Tier tier, Result result) {
		AtomicLongArray counts = tenants.getIfPresent(tenant);
		return counts == null ? 0 : counts.get(index(tier, result));
	}

	private static int index(Tier tier, Result result) {
		return tier.ordinal() * Result.values().length + result.ordinal();
	}

	private static String name(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}
}

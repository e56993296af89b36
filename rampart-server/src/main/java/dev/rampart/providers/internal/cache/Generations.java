package dev.rampart.providers.internal.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Each tenant's cache generation: entries are stored under the generation current at the time, and an invalidation
 * moves the tenant to the next one, so every older entry stops matching at once. With Redis the generation lives
 * there (shared by the nodes) and this node re-reads it when its copy is older than {@link #FRESH}: another node's
 * invalidation reaches this node's memory tier within that time. Without Redis it is this node's own counter.
 *
 * <p>An invalidation while Redis is down moves the local copy on and is remembered; the {@code INCR} is sent as soon
 * as Redis answers again, before the tenant's next Redis lookup. One small entry per tenant is kept for the node's
 * life: a generation must never be forgotten, or entries stored before an invalidation would match again.
 */
final class Generations {

	static final Duration FRESH = Duration.ofSeconds(5);

	private record Known(long value, Instant checkedAt) {
	}

	private final @Nullable RedisTier redis;
	private final Clock clock;
	private final ConcurrentHashMap<TenantId, Known> known = new ConcurrentHashMap<>();
	private final Set<TenantId> unsent = ConcurrentHashMap.newKeySet();

	Generations(@Nullable RedisTier redis, Clock clock) {
		this.redis = redis;
		this.clock = clock;
	}

	/** The tenant's current generation: the last one known when Redis cannot be asked. */
	long current(TenantId tenant) {
		Known local = known.get(tenant);
		if (redis == null) {
			return local == null ? 0 : local.value();
		}
		Instant now = clock.instant();
		boolean owed = unsent.contains(tenant);
		if (!owed && local != null && now.isBefore(local.checkedAt().plus(FRESH))) {
			return local.value();
		}
		OptionalLong shared = owed ? redis.nextGeneration(tenant) : redis.generation(tenant);
		if (shared.isEmpty()) {
			return local == null ? 0 : local.value();
		}
		if (owed) {
			unsent.remove(tenant);
		}
		known.put(tenant, new Known(shared.getAsLong(), now));
		return shared.getAsLong();
	}

	/** Moves the tenant to its next generation, in Redis when it answers, else locally and in Redis later. */
	void next(TenantId tenant) {
		Instant now = clock.instant();
		OptionalLong shared = redis == null ? OptionalLong.empty() : redis.nextGeneration(tenant);
		if (shared.isPresent()) {
			unsent.remove(tenant);
			known.put(tenant, new Known(shared.getAsLong(), now));
			return;
		}
		if (redis != null) {
			unsent.add(tenant);
		}
		known.compute(tenant, (t, local) -> local == null ? new Known(1, Instant.MIN)
				: new Known(local.value() + 1, local.checkedAt()));
	}
}

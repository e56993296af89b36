package dev.rampart.providers.internal.cache;

import java.time.Duration;
import java.util.Optional;

import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Model replies kept for reuse: for deterministic requests ({@link #eligible}) and as the last fallback when every
 * provider fails. Three tiers, read in order and promoted upward on a hit: the node's memory (L1), Redis when
 * configured (L2), PostgreSQL (L3). No method ever throws because a tier is slow or down: the tier is skipped.
 * Only {@link #invalidate} reports a PostgreSQL failure, so a tenant is never told its cache is empty when it is not.
 */
public interface ResponseCache {

	/** Whether a request's reply may be served from the cache: temperature 0, or the caller opted in. */
	static boolean eligible(ModelRequest request, boolean optIn) {
		return optIn || (request.temperature() != null && request.temperature() == 0.0);
	}

	/** The cached reply for {@code key}, from the first tier that has it; empty when none does or the cache is off. */
	Optional<CachedReply> get(CacheKey key);

	/**
	 * Stores {@code reply} in every tier. Replies larger than the configured {@code max-entry-size}, or holding
	 * text PostgreSQL cannot store (a NUL character), are not cached. Pass the reply after masking.
	 */
	void put(CacheKey key, CachedReply reply);

	/**
	 * Drops every entry of {@code tenant} in every tier: removes the node's memory entries and the PostgreSQL rows,
	 * and moves the tenant to a new generation in Redis (its old keys become unreachable and expire on their own;
	 * other nodes drop their memory copies once they see the new generation).
	 *
	 * @return the memory entries and rows removed; Redis keys are not counted
	 */
	long invalidate(TenantId tenant);

	/** Hits and misses of {@code tenant} on this node since it started, per tier, and what the tenant holds. */
	Stats stats(TenantId tenant);

	/** The cache as one tenant sees it on this node. */
	record Stats(boolean enabled, TierStats l1, TierStats l2, TierStats l3) {
	}

	/**
	 * One tier.
	 *
	 * @param active whether the tier is in use: L2 only with Redis configured and reachable
	 * @param errors lookups that failed (the tier was skipped)
	 * @param hitRatio {@code hits / (hits + misses)}, null before the first lookup
	 * @param entries the tenant's entries in the tier, null where unknown (Redis)
	 * @param bytes their JSON size, null where unknown
	 */
	record TierStats(boolean active, long hits, long misses, long errors, @Nullable Double hitRatio,
			@Nullable Long entries, @Nullable Long bytes, Duration ttl) {

		static @Nullable Double ratio(long hits, long misses) {
			return hits + misses == 0 ? null : (double) hits / (hits + misses);
		}
	}
}

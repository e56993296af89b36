package dev.rampart.providers.internal.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.rampart.shared.ClockTicker;
import dev.rampart.shared.TenantId;

/**
 * L1: the node's memory (Caffeine), bounded by the entries' total JSON size plus {@link #KEY_OVERHEAD} each; beyond
 * the bound Caffeine evicts by frequency and recency (W-TinyLFU). An entry lives {@code l1-ttl} from when it was put
 * or promoted, never past its {@link Entry#notAfter}, and only while its tenant's generation is the one it was stored
 * under. Time comes from the injected clock, so tests expire entries by moving it.
 */
final class MemoryTier {

	/** What an entry costs besides its JSON: the key's strings and the objects around them, roughly. */
	static final int KEY_OVERHEAD = 256;

	private record Held(Entry entry, long generation, Instant expiresAt) {
	}

	private final Clock clock;
	private final Duration ttl;
	private final Cache<CacheKey, Held> cache;

	MemoryTier(Clock clock, Duration ttl, long maxBytes) {
		this.clock = clock;
		this.ttl = ttl;
		this.cache = Caffeine.newBuilder()
			.maximumWeight(maxBytes)
			.weigher((CacheKey key, Held held) -> held.entry().bytes() + KEY_OVERHEAD)
			.expireAfter(Expiry.writing((CacheKey key, Held held) -> {
				Duration left = Duration.between(clock.instant(), held.expiresAt());
				return left.isNegative() ? Duration.ZERO : left;
			}))
			.ticker(new ClockTicker(clock))
			.executor(Runnable::run)
			.build();
	}

	/** The entry if present, unexpired and of the tenant's {@code generation}. */
	Optional<Entry> get(CacheKey key, long generation) {
		Held held = cache.getIfPresent(key);
		if (held == null) {
			return Optional.empty();
		}
		if (held.generation() != generation) {
			cache.asMap().remove(key, held);
			return Optional.empty();
		}
		return Optional.of(held.entry());
	}

	void put(CacheKey key, Entry entry, long generation) {
		Instant now = clock.instant();
		Instant end = now.plus(ttl);
		Instant expiresAt = entry.notAfter().isBefore(end) ? entry.notAfter() : end;
		if (expiresAt.isAfter(now)) {
			cache.put(key, new Held(entry, generation, expiresAt));
		}
	}

	/** Removes the tenant's entries and answers how many there were. */
	long invalidate(TenantId tenant) {
		long removed = 0;
		for (CacheKey key : cache.asMap().keySet()) {
			if (key.tenant().equals(tenant) && cache.asMap().remove(key) != null) {
				removed++;
			}
		}
		return removed;
	}

	void clear() {
		cache.invalidateAll();
	}

	/** Entries on this node, every tenant's. */
	long entries() {
		cache.cleanUp();
		return cache.estimatedSize();
	}

	/** Weight on this node, every tenant's: JSON sizes plus the overhead per entry. */
	long bytes() {
		cache.cleanUp();
		return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
	}

	/** The tenant's entries and their JSON size: a walk over the whole tier, for the stats endpoint only. */
	long[] sizeOf(TenantId tenant) {
		long entries = 0;
		long bytes = 0;
		for (var each : cache.asMap().entrySet()) {
			if (each.getKey().tenant().equals(tenant)) {
				entries++;
				bytes += each.getValue().entry().bytes();
			}
		}
		return new long[] { entries, bytes };
	}
}

package dev.rampart.providers.internal.cache;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.rampart.providers.internal.cache.CacheMeters.Result;
import dev.rampart.providers.internal.cache.CacheMeters.Skip;
import dev.rampart.providers.internal.cache.CacheMeters.Tier;
import dev.rampart.providers.internal.cache.RedisTier.Lookup;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three tiers behind {@link ResponseCache}: reads go L1 → L2 → L3 and a lower tier's hit is copied into the
 * tiers above it; writes go to every tier. Redis (L2) is used only when {@code rampart.redis.url} is set. A tier
 * that fails is skipped and logged at most once a minute ({@link ThrottledLog}); only an invalidation that cannot
 * reach PostgreSQL throws. Writes run on the caller's thread: call {@link #put} after the reply went out when its
 * latency matters.
 */
@Component
class TieredResponseCache implements ResponseCache, AutoCloseable {

	/** The stored JSON format: a private mapper, so a change of the application's JSON settings never changes it. */
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ResponseCacheProperties properties;
	private final MemoryTier memory;
	private final @Nullable RedisTier redis;
	private final DatabaseTier database;
	private final Generations generations;
	private final Clock clock;
	private final CacheMeters meters;
	private final ThrottledLog databaseFailures;

	@Autowired
	TieredResponseCache(ResponseCacheProperties properties, Environment environment, JdbcClient jdbc,
			TenantTransactions transactions, Clock clock, MeterRegistry meters) {
		this(properties, redis(properties, environment, clock), new DatabaseTier(jdbc, transactions, JSON), clock, meters);
	}

	TieredResponseCache(ResponseCacheProperties properties, @Nullable RedisTier redis, DatabaseTier database, Clock clock,
			MeterRegistry meters) {
		this.properties = properties;
		this.memory = new MemoryTier(clock, properties.l1Ttl(), properties.l1MaxBytes().toBytes());
		this.redis = redis;
		this.database = database;
		this.generations = new Generations(redis, clock);
		this.clock = clock;
		this.meters = new CacheMeters(meters);
		this.databaseFailures = new ThrottledLog(LoggerFactory.getLogger(TieredResponseCache.class), clock);
		Gauge.builder("rampart.providers.cache.l1.entries", memory, MemoryTier::entries)
			.description("Entries in this node's response cache memory tier")
			.register(meters);
		Gauge.builder("rampart.providers.cache.l1.bytes", memory, MemoryTier::bytes)
			.description("Weight of this node's response cache memory tier: the entries' JSON plus overhead")
			.baseUnit("bytes")
			.register(meters);
	}

	private static @Nullable RedisTier redis(ResponseCacheProperties properties, Environment environment, Clock clock) {
		String url = environment.getProperty("rampart.redis.url");
		if (!properties.enabled() || url == null || url.isBlank()) {
			return null;
		}
		return new RedisTier(url, properties.l2Timeout(), properties.l2Ttl(), clock, JSON);
	}

	@Override
	public Optional<CachedReply> get(CacheKey key) {
		if (!properties.enabled()) {
			return Optional.empty();
		}
		TenantId tenant = key.tenant();
		long generation = generations.current(tenant);
		Optional<Entry> inMemory = memory.get(key, generation);
		meters.count(tenant, Tier.L1, inMemory.isPresent() ? Result.HIT : Result.MISS);
		if (inMemory.isPresent()) {
			return Optional.of(inMemory.get().reply());
		}
		if (redis != null) {
			Lookup shared = redis.get(key, generation);
			switch (shared.outcome()) {
				case HIT -> {
					meters.count(tenant, Tier.L2, Result.HIT);
					memory.put(key, shared.entry(), generation);
					return Optional.of(shared.entry().reply());
				}
				case MISS -> meters.count(tenant, Tier.L2, Result.MISS);
				case FAILED -> meters.count(tenant, Tier.L2, Result.ERROR);
				case SKIPPED -> {
					// Redis is not asked while it is down or connecting: neither a miss nor a new error.
				}
			}
		}
		Optional<Entry> stored;
		try {
			stored = database.get(key, clock.instant());
		}
		catch (RuntimeException ex) {
			meters.count(tenant, Tier.L3, Result.ERROR);
			databaseFailures.warn("The response cache could not read PostgreSQL and answered a miss", ex);
			return Optional.empty();
		}
		meters.count(tenant, Tier.L3, stored.isPresent() ? Result.HIT : Result.MISS);
		stored.ifPresent(entry -> {
			if (redis != null) {
				redis.put(key, generation, entry);
			}
			memory.put(key, entry, generation);
		});
		return stored.map(Entry::reply);
	}

	@Override
	public void put(CacheKey key, CachedReply reply) {
		if (!properties.enabled()) {
			return;
		}
		if (!storable(reply)) {
			meters.skipped(Skip.UNSTORABLE);
			return;
		}
		String replyJson = JSON.writeValueAsString(reply);
		long bytes = replyJson.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > properties.maxEntrySize().toBytes()) {
			meters.skipped(Skip.TOO_LARGE);
			return;
		}
		Instant now = clock.instant();
		Entry entry = new Entry(reply, (int) bytes, now.plus(properties.l3Ttl()));
		long generation = generations.current(key.tenant());
		memory.put(key, entry, generation);
		if (redis != null) {
			redis.put(key, generation, entry);
		}
		try {
			database.put(key, entry, replyJson, now);
		}
		catch (RuntimeException ex) {
			databaseFailures.warn("The response cache could not write PostgreSQL; the reply is cached in memory only", ex);
		}
	}

	/** PostgreSQL's jsonb cannot hold a NUL character; such a reply is not cached at all, so the tiers stay alike. */
	private static boolean storable(CachedReply reply) {
		return !hasNul(reply.text()) && (reply.finishReason() == null || !hasNul(reply.finishReason()))
				&& !hasNul(reply.provider()) && !hasNul(reply.model())
				&& reply.masked().keySet().stream().noneMatch(TieredResponseCache::hasNul)
				&& reply.toolCalls().stream().noneMatch(call -> hasNul(call.id()) || hasNul(call.name()) || hasNul(call.arguments()));
	}

	private static boolean hasNul(String text) {
		return text.indexOf('\u0000') >= 0;
	}

	/** Generation first, then PostgreSQL, then memory: a lookup racing with this can no longer refill memory. */
	@Override
	public long invalidate(TenantId tenant) {
		generations.next(tenant);
		long rows = database.invalidate(tenant);
		return rows + memory.invalidate(tenant);
	}

	@Override
	public Stats stats(TenantId tenant) {
		long[] inMemory = memory.sizeOf(tenant);
		Long rows = null;
		Long rowBytes = null;
		try {
			long[] stored = database.sizeOf(tenant, clock.instant());
			rows = stored[0];
			rowBytes = stored[1];
		}
		catch (RuntimeException ex) {
			databaseFailures.warn("The response cache could not count a tenant's rows in PostgreSQL", ex);
		}
		return new Stats(properties.enabled(), tier(tenant, Tier.L1, properties.enabled(), inMemory[0], inMemory[1],
				properties.l1Ttl()),
				tier(tenant, Tier.L2, redis != null && redis.active(), null, null, properties.l2Ttl()),
				tier(tenant, Tier.L3, properties.enabled(), rows, rowBytes, properties.l3Ttl()));
	}

	private TierStats tier(TenantId tenant, Tier tier, boolean active, @Nullable Long entries, @Nullable Long bytes,
			Duration ttl) {
		long hits = meters.of(tenant, tier, Result.HIT);
		long misses = meters.of(tenant, tier, Result.MISS);
		return new TierStats(active, hits, misses, meters.of(tenant, tier, Result.ERROR), TierStats.ratio(hits, misses),
				entries, bytes, ttl);
	}

	/** Deletes expired rows and rows beyond each tenant's bound (see {@link ResponseCachePurge}). */
	DatabaseTier.Purged purge() {
		return database.purge(clock.instant(), properties.l3MaxRowsPerTenant());
	}

	/** This node's memory tier, for tests that must read through the lower tiers. */
	MemoryTier memory() {
		return memory;
	}

	/** Waits for the Redis connection (for tests): false without Redis or when it did not connect in time. */
	boolean awaitRedis(Duration wait) {
		return redis != null && redis.awaitConnected(wait);
	}

	@Override
	public void close() {
		if (redis != null) {
			redis.close();
		}
	}
}

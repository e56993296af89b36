package dev.rampart.providers.internal.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the response cache ({@code rampart.providers.cache.*}), checked here in one place so a bad value
 * stops the start with a message naming the property. The tiers' lives nest ({@code l1-ttl ≤ l2-ttl ≤ l3-ttl}):
 * a lower tier holds an entry at least as long as the one above it, so promotion upward never outlives the source.
 *
 * @param enabled cache replies at all; when false {@code get} always misses and {@code put} stores nothing
 * @param l1Ttl how long the node's memory keeps an entry
 * @param l1MaxBytes the most the node's memory holds, counted as the entries' JSON size (plus a fixed overhead each)
 * @param l2Ttl how long Redis keeps an entry (only with {@code rampart.redis.url})
 * @param l2Timeout the longest a Redis command may take before the tier is skipped for that call
 * @param l3Ttl how long PostgreSQL keeps an entry: an entry's whole life, whichever tier answers
 * @param l3MaxRowsPerTenant the rows a tenant keeps in PostgreSQL; the purge deletes the oldest beyond it
 * @param purgeInterval how often the purge deletes expired rows and enforces the row bound
 * @param maxEntrySize a reply whose JSON is larger is not cached
 */
@ConfigurationProperties("rampart.providers.cache")
public record ResponseCacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5m") Duration l1Ttl,
		@DefaultValue("64MB") DataSize l1MaxBytes, @DefaultValue("30m") Duration l2Ttl,
		@DefaultValue("100ms") Duration l2Timeout, @DefaultValue("2h") Duration l3Ttl,
		@DefaultValue("10000") int l3MaxRowsPerTenant, @DefaultValue("10m") Duration purgeInterval,
		@DefaultValue("256KB") DataSize maxEntrySize) {

	private static final String PREFIX = "rampart.providers.cache.";

	/** Above this an entry's weight would not fit Caffeine's int weigher with room to spare. */
	static final DataSize LARGEST_ENTRY = DataSize.ofMegabytes(16);

	public ResponseCacheProperties {
		positive("l1-ttl", l1Ttl);
		positive("l2-ttl", l2Ttl);
		positive("l2-timeout", l2Timeout);
		positive("l3-ttl", l3Ttl);
		positive("purge-interval", purgeInterval);
		if (l2Timeout.compareTo(Duration.ofSeconds(10)) > 0) {
			throw new IllegalArgumentException(PREFIX + "l2-timeout (" + l2Timeout + ") must be at most 10s: a model call waits for it");
		}
		if (l1Ttl.compareTo(l2Ttl) > 0 || l2Ttl.compareTo(l3Ttl) > 0) {
			throw new IllegalArgumentException(PREFIX + "l1-ttl (" + l1Ttl + "), l2-ttl (" + l2Ttl + ") and l3-ttl (" + l3Ttl
					+ ") must not decrease: a lower tier keeps an entry at least as long as the one above it");
		}
		if (l3MaxRowsPerTenant < 1 || l3MaxRowsPerTenant > 10_000_000) {
			throw new IllegalArgumentException(PREFIX + "l3-max-rows-per-tenant must be between 1 and 10000000, not "
					+ l3MaxRowsPerTenant);
		}
		if (maxEntrySize.toBytes() < 1 || maxEntrySize.compareTo(LARGEST_ENTRY) > 0) {
			throw new IllegalArgumentException(PREFIX + "max-entry-size must be between 1B and " + LARGEST_ENTRY + ", not "
					+ maxEntrySize);
		}
		if (l1MaxBytes.compareTo(maxEntrySize) < 0) {
			throw new IllegalArgumentException(PREFIX + "l1-max-bytes (" + l1MaxBytes + ") must be at least max-entry-size ("
					+ maxEntrySize + ")");
		}
	}

	/** The defaults, as documented in docs/providers.md. */
	public static ResponseCacheProperties defaults() {
		return new ResponseCacheProperties(true, Duration.ofMinutes(5), DataSize.ofMegabytes(64), Duration.ofMinutes(30),
				Duration.ofMillis(100), Duration.ofHours(2), 10_000, Duration.ofMinutes(10), DataSize.ofKilobytes(256));
	}

	private static void positive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(PREFIX + name + " must be a positive duration, not " + value);
		}
	}
}

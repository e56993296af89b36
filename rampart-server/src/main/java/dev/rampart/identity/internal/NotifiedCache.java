package dev.rampart.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.shared.ClockTicker;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A bounded cache of rows that stays coherent with the database: the code that changes a row calls
 * {@link #invalidate} (this node), and every node's {@link IdentityChangeListener} calls it again when
 * PostgreSQL announces the change ({@code NOTIFY} from a trigger, in the changing transaction). The
 * cache holds nothing, and every read goes to the database, while the listener is not connected, so a
 * missed notification can never leave an entry stale for longer than the listener takes to notice.
 *
 * <p>A load that overlaps an invalidation is returned to its caller but not kept: loads read the
 * invalidation generation before the query and store only if it has not moved, and the store and
 * the removal are serialised per key. No lock is held during the query. A missing row ({@code null})
 * is never cached.
 *
 * @param <K> the row's key, parsed from the notification's payload by {@code keyOf}
 */
final class NotifiedCache<K, V> {

	private final String topic;
	private final Function<String, K> keyOf;
	private final @Nullable Cache<K, V> cache;
	private final AtomicLong generation = new AtomicLong();
	private volatile boolean listening;

	/**
	 * @param topic the first part of the notification payload this cache answers to ({@code user} in {@code user:<id>})
	 * @param size at most this many entries; 0, or a {@code ttl} of zero, turns the cache off
	 */
	NotifiedCache(String topic, Function<String, K> keyOf, int size, Duration ttl, Clock clock) {
		this.topic = topic;
		this.keyOf = keyOf;
		this.cache = size > 0 && ttl.isPositive() ? Caffeine.newBuilder()
			.maximumSize(size)
			.expireAfterWrite(ttl)
			.ticker(new ClockTicker(clock))
			.executor(Runnable::run)
			.build() : null;
	}

	String topic() {
		return topic;
	}

	/** The cached value, or what {@code loader} reads now (kept when nothing changed meanwhile). */
	@Nullable V get(K key, Function<K, @Nullable V> loader) {
		Cache<K, V> entries = cache;
		if (entries == null || !listening) {
			return loader.apply(key);
		}
		V cached = entries.getIfPresent(key);
		if (cached != null) {
			return cached;
		}
		long seen = generation.get();
		V loaded = loader.apply(key);
		if (loaded != null) {
			entries.asMap().compute(key, (k, old) -> listening && generation.get() == seen ? loaded : old);
		}
		return loaded;
	}

	/**
	 * Forgets {@code key} now and, inside a transaction, once more when it ends: until the commit
	 * another request may read, and cache, the row as it was.
	 */
	void invalidate(K key) {
		forget(key);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					forget(key);
				}
			});
		}
	}

	/** A notification's identifier ({@code <id>} in {@code topic:<id>}); one that does not parse empties the cache. */
	void invalidateNotified(String id) {
		K key;
		try {
			key = keyOf.apply(id);
		}
		catch (RuntimeException unparseable) {
			invalidateAll();
			return;
		}
		forget(key);
	}

	void invalidateAll() {
		generation.incrementAndGet();
		if (cache != null) {
			cache.invalidateAll();
		}
	}

	/**
	 * Called by the listener: {@code true} once it receives every change (the cache starts empty),
	 * {@code false} when it may be missing some (the cache empties and stops keeping anything).
	 */
	void listening(boolean listening) {
		if (listening) {
			invalidateAll();
			this.listening = true;
		}
		else {
			this.listening = false;
			invalidateAll();
		}
	}

	/** Whether values are being kept: the cache is on and its listener connected. */
	boolean caching() {
		return cache != null && listening;
	}

	/** Whether {@code key} is cached now (for tests and diagnostics). */
	boolean holds(K key) {
		return cache != null && cache.getIfPresent(key) != null;
	}

	long size() {
		if (cache == null) {
			return 0;
		}
		cache.cleanUp();
		return cache.estimatedSize();
	}

	private void forget(K key) {
		generation.incrementAndGet();
		if (cache != null) {
			cache.invalidate(key);
		}
	}
}

package dev.rampart.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.rampart.MovableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The coherence rules of the request path's caches, with a loader that counts its reads. */
class NotifiedCacheTest {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T12:00:00Z"));
	private final AtomicInteger reads = new AtomicInteger();
	private String stored = "v1";
	private NotifiedCache<String, String> cache;

	private final Function<String, @Nullable String> database = key -> {
		reads.incrementAndGet();
		return key.equals("missing") ? null : stored;
	};

	@BeforeEach
	void listeningCache() {
		cache = new NotifiedCache<>("thing", Function.identity(), 100, Duration.ofMinutes(1), clock);
		cache.listening(true);
	}

	@AfterEach
	void noTransactionLeftOpen() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

	@Test
	void aValueIsReadOnceAndThenServedUntilInvalidated() {
		assertThat(cache.get("k", database)).isEqualTo("v1");
		assertThat(cache.get("k", database)).isEqualTo("v1");
		assertThat(reads).hasValue(1);

		stored = "v2";
		cache.invalidate("k");

		assertThat(cache.get("k", database)).isEqualTo("v2");
		assertThat(reads).hasValue(2);
	}

	@Test
	void aNotificationForgetsItsKeyAndOneThatDoesNotParseForgetsEverything() {
		NotifiedCache<Integer, String> numbers = new NotifiedCache<>("n", Integer::valueOf, 100, Duration.ofMinutes(1), clock);
		numbers.listening(true);
		numbers.get(1, key -> "one");
		numbers.get(2, key -> "two");

		numbers.invalidateNotified("1");
		assertThat(numbers.holds(1)).isFalse();
		assertThat(numbers.holds(2)).isTrue();

		numbers.invalidateNotified("not-a-number");
		assertThat(numbers.holds(2)).isFalse();
	}

	@Test
	void aMissingRowIsNeverCached() {
		assertThat(cache.get("missing", database)).isNull();
		assertThat(cache.get("missing", database)).isNull();

		assertThat(reads).hasValue(2);
	}

	@Test
	void aLoadThatOverlapsAnInvalidationIsReturnedButNotKept() {
		String loaded = cache.get("k", key -> {
			String old = database.apply(key);
			cache.invalidate("k"); // another thread commits a change while this read is under way
			return old;
		});

		assertThat(loaded).isEqualTo("v1");
		assertThat(cache.holds("k")).isFalse();
	}

	@Test
	void insideATransactionTheKeyIsForgottenAgainWhenItEnds() {
		TransactionSynchronizationManager.initSynchronization();
		stored = "v2";
		cache.invalidate("k");
		// before the commit another request still reads the old row, and may cache it
		stored = "v1";
		cache.get("k", database);
		assertThat(cache.holds("k")).isTrue();

		stored = "v2";
		TransactionSynchronizationManager.getSynchronizations().forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));

		assertThat(cache.holds("k")).isFalse();
		assertThat(cache.get("k", database)).isEqualTo("v2");
	}

	@Test
	void whileNotListeningEveryGetReadsAndNothingIsKept() {
		cache.get("k", database);
		cache.listening(false);

		assertThat(cache.holds("k")).isFalse();
		cache.get("k", database);
		cache.get("k", database);
		assertThat(reads).hasValue(3);
		assertThat(cache.caching()).isFalse();

		cache.listening(true);
		cache.get("k", database);
		cache.get("k", database);
		assertThat(reads).hasValue(4);
	}

	@Test
	void entriesExpireAfterTheTtlAndAZeroTtlTurnsTheCacheOff() {
		cache.get("k", database);
		clock.advance(Duration.ofMinutes(1).plusMillis(1));
		cache.get("k", database);
		assertThat(reads).hasValue(2);

		NotifiedCache<String, String> off = new NotifiedCache<>("thing", Function.identity(), 100, Duration.ZERO, clock);
		off.listening(true);
		off.get("k", database);
		off.get("k", database);
		assertThat(reads).hasValue(4);
		assertThat(off.caching()).isFalse();
	}
}

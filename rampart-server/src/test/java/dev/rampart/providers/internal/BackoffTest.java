package dev.rampart.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

/** Full jitter stays within zero and the doubling bound; a provider's Retry-After wins but is capped. */
class BackoffTest {

	private static final Duration BASE = Duration.ofMillis(200);
	private static final Duration MAX = Duration.ofSeconds(10);
	private static final Duration CAP = Duration.ofSeconds(30);

	@Test
	void theBoundDoublesWithEachRetryAndStopsAtTheMaximum() {
		assertThat(Backoff.bound(1, BASE, MAX)).isEqualTo(Duration.ofMillis(200));
		assertThat(Backoff.bound(2, BASE, MAX)).isEqualTo(Duration.ofMillis(400));
		assertThat(Backoff.bound(3, BASE, MAX)).isEqualTo(Duration.ofMillis(800));
		assertThat(Backoff.bound(6, BASE, MAX)).isEqualTo(Duration.ofMillis(6400));
		assertThat(Backoff.bound(7, BASE, MAX)).isEqualTo(MAX);
		assertThat(Backoff.bound(1_000, BASE, MAX)).isEqualTo(MAX);
	}

	@Test
	void fullJitterPicksAnywhereFromZeroToTheBound() {
		RandomGenerator random = new SplittableRandom(42);
		for (int retry = 1; retry <= 8; retry++) {
			Duration bound = Backoff.bound(retry, BASE, MAX);
			Duration smallest = bound;
			Duration largest = Duration.ZERO;
			for (int i = 0; i < 2_000; i++) {
				Duration wait = Backoff.delay(retry, null, BASE, MAX, CAP, random);
				assertThat(wait).isBetween(Duration.ZERO, bound);
				smallest = wait.compareTo(smallest) < 0 ? wait : smallest;
				largest = wait.compareTo(largest) > 0 ? wait : largest;
			}
			// full jitter, not "bound plus a little": the picks spread over the whole range
			assertThat(smallest).isLessThan(bound.dividedBy(10));
			assertThat(largest).isGreaterThan(bound.multipliedBy(9).dividedBy(10));
		}
	}

	@Test
	void aRetryAfterIsHonouredAsItIsUpToTheCapAndCutToItAbove() {
		RandomGenerator random = new SplittableRandom(7);

		assertThat(Backoff.delay(1, Duration.ofSeconds(3), BASE, MAX, CAP, random)).isEqualTo(Duration.ofSeconds(3));
		assertThat(Backoff.delay(2, Duration.ZERO, BASE, MAX, CAP, random)).isEqualTo(Duration.ZERO);
		assertThat(Backoff.delay(1, Duration.ofMinutes(5), BASE, MAX, CAP, random)).isEqualTo(CAP);
	}

	@Test
	void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
		Instant now = Instant.parse("2026-11-24T10:00:00Z");

		assertThat(HeaderKeepingHttpClient.retryAfter("7", now)).isEqualTo(Duration.ofSeconds(7));
		assertThat(HeaderKeepingHttpClient.retryAfter("Tue, 24 Nov 2026 10:00:20 GMT", now)).isEqualTo(Duration.ofSeconds(20));
		assertThat(HeaderKeepingHttpClient.retryAfter("Tue, 24 Nov 2026 09:00:00 GMT", now)).isEqualTo(Duration.ZERO);
		assertThat(HeaderKeepingHttpClient.retryAfter("-3", now)).isNull();
		assertThat(HeaderKeepingHttpClient.retryAfter("soon", now)).isNull();
		assertThat(HeaderKeepingHttpClient.retryAfter(null, now)).isNull();
	}
}

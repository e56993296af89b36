package dev.rampart.providers.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * How long to wait before a retry: the provider's {@code Retry-After} when it sent one (cut to a cap), else
 * exponential backoff with full jitter — a uniformly random wait between zero and {@code base × 2^(retry-1)},
 * that bound never above {@code max}.
 */
final class Backoff {

	private Backoff() {
	}

	/**
	 * @param retry 1 for the first retry (the second attempt), 2 for the next, ...
	 */
	static Duration delay(int retry, @Nullable Duration retryAfter, Duration base, Duration max, Duration maxRetryAfter,
			RandomGenerator random) {
		if (retryAfter != null) {
			return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
		}
		long bound = bound(retry, base, max).toNanos();
		return Duration.ofNanos(random.nextLong(bound + 1));
	}

	/** The largest wait full jitter may pick before retry {@code retry}. */
	static Duration bound(int retry, Duration base, Duration max) {
		int doublings = Math.min(Math.max(retry - 1, 0), 40);
		long nanos = base.toNanos();
		for (int i = 0; i < doublings && nanos < max.toNanos(); i++) {
			nanos = nanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : nanos * 2;
		}
		return Duration.ofNanos(Math.min(nanos, max.toNanos()));
	}
}

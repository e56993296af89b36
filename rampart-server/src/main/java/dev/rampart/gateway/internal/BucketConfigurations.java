package dev.rampart.gateway.internal;

import java.time.Clock;
import java.time.Instant;

import dev.rampart.gateway.RateLimitProperties.Limit;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;

/** Turns a {@link Limit} into a Bucket4j configuration, and the node's clock into Bucket4j time. */
final class BucketConfigurations {

	private BucketConfigurations() {
	}

	static BucketConfiguration of(Limit limit) {
		return BucketConfiguration.builder()
			.addLimit(bandwidth -> bandwidth.capacity(limit.burst()).refillGreedy(limit.rate(), limit.period()))
			.build();
	}

	/** Wall-clock nanoseconds from the injected clock, so tests move time instead of sleeping. */
	static TimeMeter timeMeter(Clock clock) {
		return new TimeMeter() {
			@Override
			public long currentTimeNanos() {
				Instant now = clock.instant();
				return now.getEpochSecond() * 1_000_000_000L + now.getNano();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}
		};
	}
}

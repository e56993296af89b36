package dev.rampart.gateway.internal;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.gateway.RateLimitProperties.Limit;
import dev.rampart.shared.ClockTicker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Buckets in this node's memory, at most {@code maxBuckets} of them; a bucket unused for a day is
 * forgotten (it would be full again by then for any limit whose period is a day or less).
 */
final class LocalBuckets {

	private final Cache<String, Bucket> buckets;
	private final TimeMeter time;

	LocalBuckets(Clock clock, long maxBuckets) {
		this.time = BucketConfigurations.timeMeter(clock);
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxBuckets)
			.expireAfterAccess(Duration.ofDays(1))
			.ticker(new ClockTicker(clock))
			.build();
	}

	ConsumptionProbe tryConsume(String key, Limit limit) {
		return bucket(key, limit).tryConsumeAndReturnRemaining(1);
	}

	Bucket bucket(String key, Limit limit) {
		return buckets.get(key + '|' + limit, k -> Bucket.builder()
			.addLimit(bandwidth -> bandwidth.capacity(limit.burst()).refillGreedy(limit.rate(), limit.period()))
			.withCustomTimePrecision(time)
			.build());
	}
}

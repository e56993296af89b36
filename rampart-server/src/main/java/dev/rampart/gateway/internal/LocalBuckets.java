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
 * Buckets in this node's memory, at most {@code maxBuckets} of them; a bucket unused for an hour
 * is forgotten (it would be full again by then for any sensible limit).
 */
final class LocalBuckets {

	private final Cache<String, Bucket> buckets;
	private final TimeMeter time;

	LocalBuckets(Clock clock, long maxBuckets) {
		this.time = BucketConfigurations.timeMeter(clock);
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxBuckets)
			.expireAfterAccess(Duration.ofHours(1))
			.ticker(new ClockTicker(clock))
			.build();
	}

	ConsumptionProbe tryConsume(String key, Limit limit) {
		Bucket bucket = buckets.get(key + '|' + limit, k -> Bucket.builder()
			.addLimit(bandwidth -> bandwidth.capacity(limit.burst()).refillGreedy(limit.rate(), limit.period()))
			.withCustomTimePrecision(time)
			.build());
		return bucket.tryConsumeAndReturnRemaining(1);
	}
}

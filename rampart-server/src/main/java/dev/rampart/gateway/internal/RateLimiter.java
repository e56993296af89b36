package dev.rampart.gateway.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.rampart.gateway.RateLimitProperties.Limit;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one request from a bucket: in Redis when the node has one, else in memory. When Redis
 * fails (an error or no answer within the command timeout) the node limits alone at its share,
 * the limit divided by the node count last seen in Redis (1 if never seen), so losing Redis never
 * lifts a limit; after {@code retry} it tries Redis again and goes back to it when it answers.
 * {@link #heartbeat()} must be called regularly (the configuration schedules it) to keep the node count.
 */
final class RateLimiter implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	private final Clock clock;
	private final LocalBuckets local;
	private final @Nullable RedisBuckets redis;
	private final Duration retry;
	private volatile boolean redisLost;
	private final AtomicReference<Instant> nextRedisAttempt = new AtomicReference<>(Instant.MIN);
	private volatile int knownNodes = 1;

	RateLimiter(Clock clock, long maxBuckets, @Nullable RedisBuckets redis, Duration retry) {
		this.clock = clock;
		this.local = new LocalBuckets(clock, maxBuckets);
		this.redis = redis;
		this.retry = retry;
	}

	/** The outcome of taking one request from the bucket {@code key} under {@code limit}. */
	record Outcome(LimitKind kind, Limit limit, boolean allowed, long remaining, Duration retryAfter, Duration reset) {
	}

	Outcome take(LimitKind kind, String key, Limit limit) {
		ConsumptionProbe probe = probe(kind.policy() + ':' + key, limit);
		return new Outcome(kind, limit, probe.isConsumed(), probe.getRemainingTokens(),
				Duration.ofNanos(probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill()),
				Duration.ofNanos(probe.getNanosToWaitForReset()));
	}

	private ConsumptionProbe probe(String key, Limit limit) {
		return onBucket(key, limit, bucket -> bucket.tryConsumeAndReturnRemaining(1));
	}

	/**
	 * Whether one more unit could be taken from the bucket now, without taking it: for budgets that
	 * are charged after the fact ({@link #charge}), such as tokens spent.
	 */
	Outcome check(LimitKind kind, String key, Limit limit) {
		return onBucket(kind.policy() + ':' + key, limit, bucket -> {
			EstimationProbe probe = bucket.estimateAbilityToConsume(1);
			long available = bucket.getAvailableTokens();
			Duration full = limit.period().multipliedBy(Math.max(0, limit.burst() - available)).dividedBy(limit.rate());
			return new Outcome(kind, limit, probe.canBeConsumed(), available,
					Duration.ofNanos(probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill()), full);
		});
	}

	/**
	 * Takes {@code amount} units already spent, even beyond what is left: the bucket goes into debt
	 * and {@link #check} refuses until the refill has paid it back. Answers what is left (negative in debt).
	 */
	long charge(LimitKind kind, String key, Limit limit, long amount) {
		return onBucket(kind.policy() + ':' + key, limit, bucket -> {
			bucket.consumeIgnoringRateLimits(amount);
			return bucket.getAvailableTokens();
		});
	}

	/** Runs {@code action} on the shared Redis bucket, or on this node's share of it while Redis is lost. */
	private <T> T onBucket(String key, Limit limit, Function<Bucket, T> action) {
		if (redis == null) {
			return action.apply(local.bucket(key, limit));
		}
		Instant now = clock.instant();
		if (!redisLost || mayTryRedisAgain(now)) {
			try {
				T result = redis.apply(key, limit, action);
				if (redisLost) {
					redisLost = false;
					log.info("Redis answers again: rate limits are shared by all nodes again");
				}
				return result;
			}
			catch (RuntimeException ex) {
				lost(now, ex);
			}
		}
		return action.apply(local.bucket(key, limit.share(knownNodes)));
	}

	/** Once Redis is lost, one request per {@code retry} tries it again; the others stay in memory meanwhile. */
	private boolean mayTryRedisAgain(Instant now) {
		Instant next = nextRedisAttempt.get();
		return !now.isBefore(next) && nextRedisAttempt.compareAndSet(next, now.plus(retry));
	}

	/** Tells Redis this node is alive and learns how many are; a failure counts as Redis lost. */
	void heartbeat() {
		if (redis == null) {
			return;
		}
		Instant now = clock.instant();
		try {
			knownNodes = redis.heartbeat();
		}
		catch (RuntimeException ex) {
			lost(now, ex);
			throw ex;
		}
	}

	private void lost(Instant now, RuntimeException ex) {
		nextRedisAttempt.set(now.plus(retry));
		if (!redisLost) {
			redisLost = true;
			log.warn("Redis is unreachable ({}): each node now limits alone at 1/{} of every limit until Redis answers",
					ex.getClass().getSimpleName(), knownNodes);
		}
	}

	int knownNodes() {
		return knownNodes;
	}

	boolean usesRedis() {
		return redis != null && !redisLost;
	}

	@Override
	public void close() {
		if (redis != null) {
			redis.close();
		}
	}
}

package dev.rampart.gateway.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import dev.rampart.gateway.RateLimitProperties.Limit;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;

/**
 * Buckets shared by every node through Redis (Bucket4j's compare-and-swap proxy over Lettuce), and
 * the count of live nodes. Any failure throws; the caller falls back. A failed connection is
 * dropped rather than left to Lettuce's reconnect backoff, so the next attempt connects afresh.
 */
final class RedisBuckets implements AutoCloseable {

	private static final byte[] NODES = "rampart:rl:nodes".getBytes(StandardCharsets.UTF_8);
	private static final String PREFIX = "rampart:rl:";

	private final RedisClient client;
	private final Clock clock;
	private final byte[] nodeId;
	private final Duration nodeTtl;
	private final Duration timeout;
	private @Nullable StatefulRedisConnection<byte[], byte[]> connection;
	private @Nullable ProxyManager<byte[]> proxies;

	RedisBuckets(String url, Duration timeout, Clock clock, String nodeId, Duration heartbeat) {
		RedisURI uri = RedisURI.create(url);
		uri.setTimeout(timeout);
		this.client = RedisClient.create(uri);
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(false)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.build());
		this.clock = clock;
		this.nodeId = nodeId.getBytes(StandardCharsets.UTF_8);
		this.nodeTtl = heartbeat.multipliedBy(3);
		this.timeout = timeout;
	}

	ConsumptionProbe tryConsume(String key, Limit limit) {
		return apply(key, limit, bucket -> bucket.tryConsumeAndReturnRemaining(1));
	}

	/** Runs {@code action} on the shared bucket; a Redis failure drops the connection and is rethrown. */
	<T> T apply(String key, Limit limit, Function<Bucket, T> action) {
		try {
			return action.apply(proxies().builder()
				.build((PREFIX + key + '|' + limit).getBytes(StandardCharsets.UTF_8), () -> BucketConfigurations.of(limit)));
		}
		catch (RuntimeException ex) {
			drop();
			throw ex;
		}
	}

	/** Records this node as alive and answers how many nodes are. */
	int heartbeat() {
		try {
			RedisCommands<byte[], byte[]> redis = connection().sync();
			long now = clock.millis();
			redis.zadd(NODES, (double) (now + nodeTtl.toMillis()), nodeId);
			redis.zremrangebyscore(NODES, io.lettuce.core.Range.create(Double.NEGATIVE_INFINITY, (double) now));
			redis.pexpire(NODES, nodeTtl.toMillis());
			return (int) Math.max(1, redis.zcard(NODES));
		}
		catch (RuntimeException ex) {
			drop();
			throw ex;
		}
	}

	private synchronized ProxyManager<byte[]> proxies() {
		if (proxies == null) {
			proxies = Bucket4jLettuce.casBasedBuilder(connection())
				.clientClock(BucketConfigurations.timeMeter(clock))
				.requestTimeout(timeout)
				.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(10)))
				.build();
		}
		return proxies;
	}

	private synchronized StatefulRedisConnection<byte[], byte[]> connection() {
		if (connection == null || !connection.isOpen()) {
			connection = client.connect(ByteArrayCodec.INSTANCE);
			proxies = null;
		}
		return connection;
	}

	private synchronized void drop() {
		if (connection != null) {
			connection.closeAsync();
		}
		connection = null;
		proxies = null;
	}

	@Override
	public void close() {
		drop();
		client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
	}
}

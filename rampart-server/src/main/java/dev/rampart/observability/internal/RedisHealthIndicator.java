package dev.rampart.observability.internal;

import java.time.Duration;

import dev.rampart.gateway.RedisProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code redis}: a {@code PING} to the shared Redis ({@code rampart.redis.url}) on a connection of
 * its own, so the check says whether Redis answers, not whether the rate limiter or the cache happen to be connected.
 * Without Redis configured it is UP with {@code configured: false} (one node on its own limits is not degraded). A
 * failure is reported DOWN here and turned into DEGRADED by {@link HealthChecker}: without Redis the node bypasses
 * the L2 cache and limits per node, it does not stop.
 */
@Component("redis")
class RedisHealthIndicator implements HealthIndicator, DisposableBean {

	/** Connect and command timeout: well inside the checker's bound. */
	static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final @Nullable RedisClient client;
	private @Nullable StatefulRedisConnection<String, String> connection;

	RedisHealthIndicator(RedisProperties properties) {
		String url = properties.url();
		if (url == null || url.isBlank()) {
			this.client = null;
			return;
		}
		RedisURI uri = RedisURI.create(url);
		uri.setTimeout(TIMEOUT);
		this.client = RedisClient.create(uri);
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(false)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
			.timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
			.build());
	}

	@Override
	public Health health() {
		if (client == null) {
			return Health.up().withDetail("configured", false).build();
		}
		long started = System.nanoTime();
		try {
			String pong = connection().sync().ping();
			return Health.up()
				.withDetail("configured", true)
				.withDetail("latencyMs", Duration.ofNanos(System.nanoTime() - started).toMillis())
				.withDetail("reply", pong)
				.build();
		}
		catch (RuntimeException ex) {
			drop();
			return Health.down().withDetail("configured", true).withDetail("error", ex.getClass().getSimpleName()).build();
		}
	}

	private synchronized StatefulRedisConnection<String, String> connection() {
		if (connection == null || !connection.isOpen()) {
			connection = client.connect(StringCodec.UTF8);
		}
		return connection;
	}

	private synchronized void drop() {
		if (connection != null) {
			connection.closeAsync();
		}
		connection = null;
	}

	@Override
	public void destroy() {
		drop();
		if (client != null) {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}
}

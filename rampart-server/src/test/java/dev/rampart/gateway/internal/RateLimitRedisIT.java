package dev.rampart.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.rampart.MovableClock;
import dev.rampart.gateway.RateLimitProperties.Limit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Two nodes (two limiters) sharing one Redis: an embedded Redis on a free port, so the test can
 * stop it and start it again.
 */
class RateLimitRedisIT {

	private static final Duration RETRY = Duration.ofSeconds(5);

	private final MovableClock clock = new MovableClock(Instant.now());
	private final Limit tenLimit = Limit.valueOf("1/1h burst 10");
	private int port;
	private RedisServer redis;
	private RateLimiter first;
	private RateLimiter second;

	@BeforeEach
	void twoNodesOnOneRedis() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		redis = new RedisServer(port);
		redis.start();
		first = node();
		second = node();
		first.heartbeat();
		second.heartbeat();
		first.heartbeat();
	}

	private RateLimiter node() {
		RedisBuckets shared = new RedisBuckets("redis://127.0.0.1:" + port, Duration.ofMillis(200), clock,
				UUID.randomUUID().toString(), Duration.ofSeconds(10));
		return new RateLimiter(clock, 1000, shared, RETRY);
	}

	@AfterEach
	void stop() throws IOException {
		first.close();
		second.close();
		redis.stop();
	}

	@Test
	void twoNodesEnforceOneTenantLimitTogether() {
		String tenant = UUID.randomUUID().toString();
		assertThat(first.knownNodes()).isEqualTo(2);
		int allowed = 0;
		for (int i = 0; i < 20; i++) {
			RateLimiter node = i % 2 == 0 ? first : second;
			if (node.take(LimitKind.TENANT, tenant, tenLimit).allowed()) {
				allowed++;
			}
		}
		assertThat(allowed).isEqualTo(10);
		assertThat(first.usesRedis()).isTrue();
	}

	@Test
	void withoutRedisEachNodeKeepsItsShareAndRedisIsUsedAgainWhenItReturns() throws IOException {
		String tenant = UUID.randomUUID().toString();
		assertThat(first.knownNodes()).isEqualTo(2);
		assertThat(second.knownNodes()).isEqualTo(2);
		redis.stop();

		assertThat(allowedOf(first, tenant, 20)).isEqualTo(5);
		assertThat(allowedOf(second, tenant, 20)).isEqualTo(5);
		assertThat(first.usesRedis()).isFalse();

		redis = new RedisServer(port);
		redis.start();
		clock.advance(RETRY);
		String another = UUID.randomUUID().toString();
		int allowed = 0;
		for (int i = 0; i < 20; i++) {
			if ((i % 2 == 0 ? first : second).take(LimitKind.TENANT, another, tenLimit).allowed()) {
				allowed++;
			}
		}
		assertThat(allowed).isEqualTo(10);
		assertThat(first.usesRedis()).isTrue();
		assertThat(second.usesRedis()).isTrue();
	}

	@Test
	void aNodeThatNeverSawRedisLimitsAloneAtTheWholeLimit() throws IOException {
		redis.stop();
		RateLimiter lonely = node();
		try {
			assertThat(allowedOf(lonely, UUID.randomUUID().toString(), 20)).isEqualTo(10);
		}
		finally {
			lonely.close();
		}
	}

	private int allowedOf(RateLimiter node, String key, int attempts) {
		int allowed = 0;
		for (int i = 0; i < attempts; i++) {
			if (node.take(LimitKind.TENANT, key, tenLimit).allowed()) {
				allowed++;
			}
		}
		return allowed;
	}
}

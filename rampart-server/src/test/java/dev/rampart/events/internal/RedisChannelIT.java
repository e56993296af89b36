package dev.rampart.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rampart.EmbeddedRedis;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * A node that starts while Redis is down sends through PostgreSQL meanwhile, then joins the Redis channel once Redis
 * is up, without a restart, and has its feeds read what they may have missed.
 */
class RedisChannelIT {

	@Test
	void aChannelStartedWithoutRedisConnectsWhenRedisComesUp() throws Exception {
		int port = EmbeddedRedis.freePort();
		List<String> received = new CopyOnWriteArrayList<>();
		AtomicInteger caughtUp = new AtomicInteger();
		RedisChannel channel = new RedisChannel("redis://127.0.0.1:" + port, received::add, caughtUp::incrementAndGet);
		RedisServer redis = null;
		try {
			channel.start();
			assertThat(channel.connected()).isFalse();
			assertThat(channel.publish("while-down")).as("the caller then sends through PostgreSQL").isFalse();

			redis = EmbeddedRedis.start(port);
			await().atMost(Duration.ofSeconds(30)).until(channel::connected);
			assertThat(caughtUp).hasValue(1);
			assertThat(channel.publish("after")).isTrue();
			await().until(() -> received.contains("after"));
			assertThat(received).doesNotContain("while-down");
		}
		finally {
			channel.stop();
			if (redis != null) {
				redis.stop();
			}
		}
	}

	@Test
	void stoppingWhileRedisIsDownEndsTheRetries() {
		RedisChannel channel = new RedisChannel("redis://127.0.0.1:" + EmbeddedRedis.freePort(), line -> {
		}, () -> {
			throw new AssertionError("never connected");
		});
		channel.start();
		channel.stop();
		assertThat(channel.connected()).isFalse();
	}
}

package dev.rampart.events.internal;

import java.time.Duration;
import java.util.function.Consumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live signals through Redis pub/sub on one channel per Rampart installation ({@value #CHANNEL}). Lettuce reconnects and
 * subscribes again by itself; while Redis is unreachable {@link #publish} answers false, and the caller sends through
 * PostgreSQL instead (ARCHITECTURE.md, "Redis lost").
 */
final class RedisChannel {

	static final String CHANNEL = "rampart:live";

	private static final Logger log = LoggerFactory.getLogger(RedisChannel.class);

	private final RedisClient client;
	private final Consumer<String> receiver;
	private @Nullable StatefulRedisConnection<String, String> publisher;
	private @Nullable StatefulRedisPubSubConnection<String, String> subscriber;

	RedisChannel(String url, Consumer<String> receiver) {
		this.client = RedisClient.create(RedisURI.create(url));
		this.client.setOptions(ClientOptions.builder()
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).keepAlive(true).build())
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
		this.receiver = receiver;
	}

	void start() {
		try {
			StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
			pubSub.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(String channel, String message) {
					receiver.accept(message);
				}
			});
			pubSub.sync().subscribe(CHANNEL);
			subscriber = pubSub;
			publisher = client.connect();
		}
		catch (RuntimeException ex) {
			log.warn("Redis is not reachable for live fan-out ({}); signals go through PostgreSQL", ex.getMessage());
		}
	}

	void stop() {
		if (subscriber != null) {
			subscriber.close();
		}
		if (publisher != null) {
			publisher.close();
		}
		client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	/** Sends {@code line} without waiting; false when Redis is not connected now. */
	boolean publish(String line) {
		StatefulRedisConnection<String, String> connection = publisher;
		if (connection == null || !connection.isOpen()) {
			return false;
		}
		try {
			connection.async().publish(CHANNEL, line);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}
}

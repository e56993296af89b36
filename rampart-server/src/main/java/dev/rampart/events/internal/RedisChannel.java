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
 * PostgreSQL instead (ARCHITECTURE.md, "Redis lost"). When Redis is unreachable at start, the channel keeps trying in
 * the background (1 s, doubling up to 30 s) rather than leaving the node deaf to signals other nodes send through
 * Redis; once connected it calls {@code connectedLate}, so feeds read what they may have missed.
 */
final class RedisChannel {

	static final String CHANNEL = "rampart:live";

	private static final Logger log = LoggerFactory.getLogger(RedisChannel.class);

	private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
	private static final Duration LAST_RETRY = Duration.ofSeconds(30);

	private final RedisClient client;
	private final Consumer<String> receiver;
	private final Runnable connectedLate;
	private volatile @Nullable StatefulRedisConnection<String, String> publisher;
	private volatile @Nullable StatefulRedisPubSubConnection<String, String> subscriber;
	private volatile @Nullable Thread retrying;
	private volatile boolean stopped;

	RedisChannel(String url, Consumer<String> receiver, Runnable connectedLate) {
		this.client = RedisClient.create(RedisURI.create(url));
		this.client.setOptions(ClientOptions.builder()
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).keepAlive(true).build())
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
		this.receiver = receiver;
		this.connectedLate = connectedLate;
	}

	void start() {
		RuntimeException failure = connect();
		if (failure != null) {
			log.warn("Redis is not reachable for live fan-out ({}); signals go through PostgreSQL until it is",
					failure.getMessage());
			retrying = Thread.ofVirtual().name("live-redis-connect").start(this::retry);
		}
	}

	/** Subscribes and opens the publishing connection; answers the failure, or null once both are up. */
	private synchronized @Nullable RuntimeException connect() {
		if (stopped) {
			return null;
		}
		StatefulRedisPubSubConnection<String, String> pubSub = null;
		try {
			pubSub = client.connectPubSub();
			pubSub.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(String channel, String message) {
					receiver.accept(message);
				}
			});
			pubSub.sync().subscribe(CHANNEL);
			publisher = client.connect();
			subscriber = pubSub;
			return null;
		}
		catch (RuntimeException ex) {
			if (pubSub != null) {
				pubSub.close();
			}
			return ex;
		}
	}

	private void retry() {
		Duration wait = FIRST_RETRY;
		while (!stopped) {
			try {
				Thread.sleep(wait);
			}
			catch (InterruptedException ex) {
				return;
			}
			if (stopped) {
				return;
			}
			if (connect() == null) {
				log.info("Redis is reachable again: live fan-out goes through Redis");
				connectedLate.run();
				return;
			}
			wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
		}
	}

	void stop() {
		synchronized (this) {
			stopped = true;
		}
		Thread thread = retrying;
		if (thread != null) {
			thread.interrupt();
		}
		StatefulRedisPubSubConnection<String, String> pubSub = subscriber;
		if (pubSub != null) {
			pubSub.close();
		}
		StatefulRedisConnection<String, String> connection = publisher;
		if (connection != null) {
			connection.close();
		}
		client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	/** Whether signals go out through Redis now. */
	boolean connected() {
		StatefulRedisConnection<String, String> connection = publisher;
		return connection != null && connection.isOpen();
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

package dev.rampart.providers.internal.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.rampart.shared.TenantId;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * L2: Redis, shared by the nodes. Keys are {@code rampart:rc:<tenant>:<generation>:<provider>:<model>:<hash>}
 * (provider and model with {@code %} and {@code :} percent-encoded), values JSON with the entry's end of life; the
 * tenant's generation is {@code rampart:rc:<tenant>:gen}, and {@code INCR} on it is the whole invalidation.
 *
 * <p>Never waits on Redis beyond the command timeout and never throws: a failed or slow command, a closed
 * connection or a refused connect drops the connection, and the tier answers {@link Outcome#SKIPPED} without
 * asking Redis for {@link #RETRY}; then it connects again, in the background. Failures are logged at most once a
 * minute. The call path never waits for a connection to be made either.
 */
final class RedisTier implements AutoCloseable {

	static final Duration RETRY = Duration.ofSeconds(5);
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
	private static final String PREFIX = "rampart:rc:";

	/** What a lookup found: a hit, a miss, or nothing because Redis could not be asked (or failed). */
	enum Outcome {
		HIT, MISS, SKIPPED, FAILED
	}

	record Lookup(Outcome outcome, @Nullable Entry entry) {
	}

	/** What Redis holds under a key. */
	record Value(Instant notAfter, int bytes, CachedReply reply) {
	}

	private record Link(CompletableFuture<StatefulRedisConnection<String, String>> future,
			RedisCommands<String, String> commands) {
	}

	private final RedisClient client;
	private final RedisURI uri;
	private final Clock clock;
	private final JsonMapper json;
	private final Duration ttl;
	private final Duration timeout;
	private final ThrottledLog failures;
	private final Object lock = new Object();
	private @Nullable CompletableFuture<StatefulRedisConnection<String, String>> connecting;
	private Instant retryAt = Instant.MIN;

	RedisTier(String url, Duration timeout, Duration ttl, Clock clock, JsonMapper json) {
		this.uri = RedisURI.create(url);
		// the handshake of a new connection may take longer than a command: it runs in the background
		this.uri.setTimeout(CONNECT_TIMEOUT);
		this.timeout = timeout;
		this.client = RedisClient.create();
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(false)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.build());
		this.clock = clock;
		this.json = json;
		this.ttl = ttl;
		this.failures = new ThrottledLog(LoggerFactory.getLogger(RedisTier.class), clock);
		link();
	}

	Lookup get(CacheKey key, long generation) {
		Link link = link();
		if (link == null) {
			return new Lookup(Outcome.SKIPPED, null);
		}
		String text;
		try {
			text = link.commands().get(key(key, generation));
		}
		catch (RuntimeException ex) {
			lost(link, ex);
			return new Lookup(Outcome.FAILED, null);
		}
		if (text == null) {
			return new Lookup(Outcome.MISS, null);
		}
		try {
			Value value = json.readValue(text, Value.class);
			return value.notAfter().isAfter(clock.instant())
					? new Lookup(Outcome.HIT, new Entry(value.reply(), value.bytes(), value.notAfter()))
					: new Lookup(Outcome.MISS, null);
		}
		catch (JacksonException ex) {
			failures.warn("A response cache entry in Redis is unreadable and was ignored", ex);
			return new Lookup(Outcome.MISS, null);
		}
	}

	/** Stores {@code entry} for {@code l2-ttl}, never past its end of life; false when Redis was not written. */
	boolean put(CacheKey key, long generation, Entry entry) {
		Instant now = clock.instant();
		long millis = Math.min(ttl.toMillis(), Duration.between(now, entry.notAfter()).toMillis());
		Link link = millis <= 0 ? null : link();
		if (link == null) {
			return false;
		}
		String text = json.writeValueAsString(new Value(entry.notAfter(), entry.bytes(), entry.reply()));
		try {
			link.commands().set(key(key, generation), text, SetArgs.Builder.px(millis));
			return true;
		}
		catch (RuntimeException ex) {
			lost(link, ex);
			return false;
		}
	}

	/** The tenant's generation (0 before its first invalidation); empty when Redis could not be asked. */
	OptionalLong generation(TenantId tenant) {
		Link link = link();
		if (link == null) {
			return OptionalLong.empty();
		}
		try {
			String value = link.commands().get(generationKey(tenant));
			return OptionalLong.of(value == null ? 0 : Long.parseLong(value));
		}
		catch (NumberFormatException ex) {
			failures.warn("The response cache generation of tenant " + tenant + " in Redis is not a number", ex);
			return OptionalLong.empty();
		}
		catch (RuntimeException ex) {
			lost(link, ex);
			return OptionalLong.empty();
		}
	}

	/** Moves the tenant to its next generation; empty when Redis could not be asked (the caller retries later). */
	OptionalLong nextGeneration(TenantId tenant) {
		Link link = link();
		if (link == null) {
			return OptionalLong.empty();
		}
		try {
			return OptionalLong.of(link.commands().incr(generationKey(tenant)));
		}
		catch (RuntimeException ex) {
			lost(link, ex);
			return OptionalLong.empty();
		}
	}

	/** Whether Redis is connected and answering, as far as this node last saw. */
	boolean active() {
		synchronized (lock) {
			return connecting != null && connecting.isDone() && !connecting.isCompletedExceptionally()
					&& connecting.join().isOpen();
		}
	}

	/**
	 * Connects now if not connected, even while waiting out {@link #RETRY}, and waits up to {@code wait} for it:
	 * for tests and start-up checks. True once connected.
	 */
	boolean awaitConnected(Duration wait) {
		synchronized (lock) {
			retryAt = Instant.MIN;
		}
		link();
		CompletableFuture<StatefulRedisConnection<String, String>> future;
		synchronized (lock) {
			future = connecting;
		}
		if (future == null) {
			return false;
		}
		try {
			return future.get(wait.toMillis(), TimeUnit.MILLISECONDS).isOpen();
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static String key(CacheKey key, long generation) {
		return PREFIX + key.tenant() + ':' + generation + ':' + escape(key.provider()) + ':' + escape(key.model()) + ':'
				+ key.requestHash();
	}

	static String generationKey(TenantId tenant) {
		return PREFIX + tenant + ":gen";
	}

	private static String escape(String part) {
		return part.replace("%", "%25").replace(":", "%3A");
	}

	/** The open connection; null while one is being made or while the tier waits out {@link #RETRY}. */
	private @Nullable Link link() {
		synchronized (lock) {
			if (connecting == null) {
				if (clock.instant().isBefore(retryAt)) {
					return null;
				}
				CompletableFuture<StatefulRedisConnection<String, String>> future = client
					.connectAsync(StringCodec.UTF8, uri)
					.toCompletableFuture();
				connecting = future;
				future.whenComplete((connection, failure) -> {
					if (failure != null) {
						lost(future, failure);
					}
					else {
						connection.setTimeout(timeout);
					}
				});
			}
			CompletableFuture<StatefulRedisConnection<String, String>> future = connecting;
			if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
				return null;
			}
			StatefulRedisConnection<String, String> connection = future.join();
			if (!connection.isOpen()) {
				lost(future, new RedisConnectionException("the connection to Redis closed"));
				return null;
			}
			return new Link(future, connection.sync());
		}
	}

	private void lost(Link link, Throwable failure) {
		lost(link.future(), failure);
	}

	private void lost(CompletableFuture<StatefulRedisConnection<String, String>> future, Throwable failure) {
		synchronized (lock) {
			if (connecting == future) {
				connecting = null;
				retryAt = clock.instant().plus(RETRY);
			}
		}
		future.thenAccept(StatefulRedisConnection::closeAsync);
		failures.warn("Redis is unreachable or slow: the response cache skips its Redis tier for " + RETRY.toSeconds()
				+ " s at a time until Redis answers", failure);
	}

	@Override
	public void close() {
		synchronized (lock) {
			if (connecting != null) {
				connecting.thenAccept(StatefulRedisConnection::closeAsync);
			}
			connecting = null;
			retryAt = Instant.MAX;
		}
		client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
	}
}

package dev.rampart.identity.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import dev.rampart.shared.DirectConnections;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps this node's identity caches coherent with changes made by other nodes: one dedicated
 * connection (not from the pool, see {@link DirectConnections}) that {@code LISTEN}s on
 * {@value #CHANNEL}, where the triggers on {@code users}, {@code memberships} and {@code api_keys}
 * announce {@code <topic>:<id>}; each announcement invalidates that entry in the cache of that topic.
 *
 * <p>The caches keep nothing until the listener is connected, and empty themselves and stop keeping
 * anything the moment it is not (a failed read or heartbeat query), until it has reconnected and is
 * listening again. A connection that dies silently is noticed by the heartbeat query after at most
 * one quiet {@code listenerHeartbeat}, whose reply must come within three heartbeats.
 */
final class IdentityChangeListener implements SmartLifecycle {

	static final String CHANNEL = "rampart_identity";

	private static final Logger log = LoggerFactory.getLogger(IdentityChangeListener.class);
	private static final Duration FIRST_RETRY = Duration.ofMillis(250);

	private final DirectConnections connections;
	private final List<NotifiedCache<?, ?>> caches;
	private final Duration heartbeat;
	private final Duration maxBackoff;
	private volatile @Nullable Connection connection;
	private long quietSince;
	private boolean warned;
	private volatile boolean running;
	private @Nullable Thread thread;

	IdentityChangeListener(DirectConnections connections, List<NotifiedCache<?, ?>> caches, Duration heartbeat,
			Duration maxBackoff) {
		this.connections = connections;
		this.caches = List.copyOf(caches);
		this.heartbeat = heartbeat;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * One round, on the listener's own thread (or a test's): connects and listens if it is not
	 * connected, then waits up to one heartbeat for notifications and applies them, or checks the
	 * connection when it has been quiet for a heartbeat. Returns whether it is connected afterwards.
	 */
	boolean poll() {
		if (connection == null && !connect()) {
			return false;
		}
		Connection connection = this.connection;
		try {
			PGNotification[] notifications = connection.unwrap(PGConnection.class)
				.getNotifications((int) heartbeat.toMillis());
			if (notifications != null && notifications.length > 0) {
				for (PGNotification notification : notifications) {
					apply(notification.getParameter());
				}
				quietSince = System.nanoTime();
			}
			else if (System.nanoTime() - quietSince >= heartbeat.toNanos()) {
				// A socket read without a timeout would wait forever on a connection that died silently.
				connection.setNetworkTimeout(Runnable::run, (int) heartbeat.toMillis() * 3);
				try (Statement statement = connection.createStatement()) {
					statement.execute("select 1");
				}
				quietSince = System.nanoTime();
			}
			return true;
		}
		catch (SQLException ex) {
			disconnected(ex);
			return false;
		}
	}

	/** Whether the caches may keep entries now. */
	boolean connected() {
		return connection != null;
	}

	/** Closes the connection as an outage would, for tests and shutdown; the caches stop keeping entries. */
	void disconnect() {
		disconnected(null);
	}

	private boolean connect() {
		Connection opened = null;
		try {
			opened = connections.open();
			try (Statement statement = opened.createStatement()) {
				statement.execute("LISTEN " + CHANNEL);
			}
			connection = opened;
			quietSince = System.nanoTime();
			// Listening first, emptying second: a change committed in between is heard and applied later.
			caches.forEach(cache -> cache.listening(true));
			if (warned) {
				log.info("Listening for identity changes again; caches are back on");
			}
			warned = false;
			return true;
		}
		catch (SQLException ex) {
			closeQuietly(opened);
			if (!warned && running) {
				log.warn("Cannot listen for identity changes ({}); user states and API keys are read from the database "
						+ "on every request until it can", ex.getMessage());
				warned = true;
			}
			return false;
		}
	}

	private void disconnected(@Nullable SQLException cause) {
		caches.forEach(cache -> cache.listening(false));
		closeQuietly(connection);
		connection = null;
		if (cause != null && running && !warned) {
			log.warn("Lost the identity-change listener's connection ({}); caches are off until it reconnects",
					cause.getMessage());
			warned = true;
		}
	}

	private void apply(String payload) {
		int colon = payload.indexOf(':');
		String topic = colon < 0 ? payload : payload.substring(0, colon);
		String id = colon < 0 ? "" : payload.substring(colon + 1);
		boolean known = false;
		for (NotifiedCache<?, ?> cache : caches) {
			if (cache.topic().equals(topic)) {
				cache.invalidateNotified(id);
				known = true;
			}
		}
		if (!known) {
			// A topic this node does not know yet (a newer node's): forgetting everything is always safe.
			caches.forEach(NotifiedCache::invalidateAll);
		}
	}

	private static void closeQuietly(@Nullable Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.close();
		}
		catch (SQLException ignored) {
			// already broken: nothing to release
		}
	}

	@Override
	public void start() {
		running = true;
		thread = Thread.ofPlatform().daemon().name("identity-change-listener").start(this::run);
	}

	private void run() {
		Duration backoff = FIRST_RETRY;
		while (running) {
			if (poll()) {
				backoff = FIRST_RETRY;
				continue;
			}
			try {
				Thread.sleep(backoff);
			}
			catch (InterruptedException ex) {
				break;
			}
			backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
		}
		disconnect();
	}

	/** Does not wait: the thread ends after its current round, or when the database goes away first. */
	@Override
	public void stop() {
		running = false;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}

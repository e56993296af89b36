package dev.rampart.shared;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL {@code LISTEN}/{@code NOTIFY} for every module of a node, on one connection: a listener needs a session
 * that stays open for as long as the node runs ({@link DirectConnections}), so one per feature would cost a connection,
 * a thread and a reconnect loop each. This bean listens to every subscribed channel on one connection, polled by one
 * thread, and dispatches each notification to the subscribers of its channel.
 * <p>
 * Notifications are hints, not a message queue: PostgreSQL drops those sent while nobody listens, so every subscriber
 * names how it catches up ({@code onListening}, run once its channel is listened to and again after every reconnect;
 * typically it re-reads the table the notifications point into). A subscriber that must not act on stale state while
 * notifications may be missed (a cache) also names {@code onLost}, run as soon as a connection it listened on is found
 * broken or is closed, before any reconnect. Consumers run on the listening thread and <b>must return fast</b> (signal
 * a waiting thread, queue the work): a slow one delays every channel of the node. Lost connections are re-opened with a
 * backoff capped at 30 s; a connection that died silently is noticed by a heartbeat query after 30 quiet seconds, its
 * reply due within 5 s. A subscriber may ask for both sooner ({@link Liveness}); the connection serves the most
 * demanding one.
 */
@Component
public class NotifyChannels implements SmartLifecycle {

	/** PostgreSQL refuses a payload of 8000 bytes or more (its default build); send a pointer, not the data. */
	public static final int MAX_PAYLOAD_BYTES = 7999;

	private static final Logger log = LoggerFactory.getLogger(NotifyChannels.class);
	private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
	private static final Duration FIRST_RETRY = Duration.ofMillis(250);
	private static final int WAIT_MILLIS = 500;
	private static final int REPLY_MILLIS = 5_000;

	/** The listening connection's {@code application_name}, by which {@link #listeners()} counts the nodes. */
	static final String APPLICATION_NAME = "rampart (listen)";

	private final JdbcClient jdbc;
	private final DirectConnections connections;
	private final ConcurrentHashMap<String, List<NotifySubscriber>> subscribers = new ConcurrentHashMap<>();
	private final AtomicLong connectionIds = new AtomicLong();
	private volatile boolean running;
	private volatile @Nullable Integer backendPid;
	private volatile @Nullable Thread thread;
	private boolean warned;

	public NotifyChannels(DataSource dataSource, DirectConnections connections) {
		this.jdbc = JdbcClient.create(dataSource);
		this.connections = connections;
	}

	/**
	 * Calls {@code receiver} with the payload of every notification on {@code channel} from now on, until the returned
	 * subscription is closed. Listening starts in the background: {@code onListening} runs once it has (anything sent
	 * before may have been missed) and again after every reconnect. Both run on the listening thread and must return
	 * fast; what they throw is logged.
	 *
	 * @param channel a lower-case SQL identifier ({@code [a-z_][a-z0-9_]*}, at most 63 characters)
	 */
	public Subscription subscribe(String channel, Consumer<String> receiver, Runnable onListening) {
		return subscribe(channel, receiver, onListening, () -> { }, Liveness.DEFAULT);
	}

	/**
	 * {@link #subscribe(String, Consumer, Runnable) Subscribes}, and calls {@code onLost} whenever a connection on which
	 * {@code onListening} ran is found broken (a failed read or heartbeat query) or is closed because this bean stops:
	 * from then on notifications may be missed, until {@code onListening} runs again. It runs on the listening thread,
	 * before any reconnect attempt, and must return fast. {@code onListening} and {@code onLost} alternate, starting
	 * with {@code onListening}; neither runs once {@link Subscription#close()} has returned.
	 */
	public Subscription subscribe(String channel, Consumer<String> receiver, Runnable onListening, Runnable onLost) {
		return subscribe(channel, receiver, onListening, onLost, Liveness.DEFAULT);
	}

	/**
	 * {@link #subscribe(String, Consumer, Runnable, Runnable) Subscribes}, asking for a broken connection to be found and
	 * re-opened at least as soon as {@code liveness} says (while this subscription is open).
	 */
	public Subscription subscribe(String channel, Consumer<String> receiver, Runnable onListening, Runnable onLost,
			Liveness liveness) {
		checkChannel(channel);
		NotifySubscriber subscriber = new NotifySubscriber(channel, receiver, onListening, onLost, liveness,
				this::remove);
		subscribers.compute(channel, (name, list) -> {
			List<NotifySubscriber> all = list == null ? new CopyOnWriteArrayList<>() : list;
			all.add(subscriber);
			return all;
		});
		return subscriber;
	}

	/** Forgets a closed subscriber, and its channel with its last one. */
	private void remove(NotifySubscriber subscriber) {
		subscribers.computeIfPresent(subscriber.channel, (name, list) -> {
			list.remove(subscriber);
			return list.isEmpty() ? null : list;
		});
	}

	/**
	 * Sends {@code payload} to every listener of {@code channel}, on every node (this one included). Inside a
	 * transaction it joins it, and PostgreSQL delivers at commit (nothing on rollback); outside one it is sent at once.
	 *
	 * @throws IllegalArgumentException when the channel name is not allowed or the payload is longer than
	 *     {@value #MAX_PAYLOAD_BYTES} bytes in UTF-8
	 */
	public void publish(String channel, String payload) {
		publishAll(channel, List.of(payload));
	}

	/** {@link #publish Publishes} every payload in order, in one round trip; all are checked before any is sent. */
	public void publishAll(String channel, List<String> payloads) {
		checkChannel(channel);
		payloads.forEach(payload -> checkPayload(channel, payload));
		if (payloads.isEmpty()) {
			return;
		}
		Object array = payloads.toArray(String[]::new);
		jdbc.sql("select count(pg_notify(?, payload)) from unnest(?::text[]) as payload")
			.param(channel)
			.param(array)
			.query()
			.singleValue();
	}

	/**
	 * How many listening connections of Rampart nodes the database has now (this node's included while it is up): one
	 * per running node. A publisher whose notices only this node would hear can skip them.
	 */
	public int listeners() {
		return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and application_name = ?")
			.param(APPLICATION_NAME)
			.query(Integer.class)
			.single();
	}

	/** Whether the listening connection is up (for health and tests). */
	public boolean listening() {
		return backendPid != null;
	}

	/** The PostgreSQL process of the listening connection, or null while there is none. */
	@Nullable Integer backendPid() {
		return backendPid;
	}

	@Override
	public synchronized void start() {
		running = true;
		Thread poller = Thread.ofPlatform().daemon().name("pg-listen").unstarted(this::run);
		thread = poller;
		poller.start();
	}

	@Override
	public void stop(Runnable callback) {
		Thread poller;
		synchronized (this) {
			running = false;
			poller = thread;
			thread = null;
		}
		if (poller == null) {
			callback.run();
			return;
		}
		poller.interrupt();
		// the poll returns within one wait; the thread then closes the connection
		Thread.ofVirtual().name("pg-listen-stop").start(() -> {
			try {
				poller.join(Duration.ofMillis(WAIT_MILLIS + REPLY_MILLIS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				callback.run();
			}
		});
	}

	@Override
	public void stop() {
		stop(() -> { });
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Whether this is the thread that should poll: a stopped one may still be finishing while a restart's runs. */
	private boolean polling() {
		return thread == Thread.currentThread();
	}

	private void run() {
		Duration backoff = FIRST_RETRY;
		while (polling()) {
			if (subscribers.isEmpty()) {
				if (!pause(Duration.ofMillis(WAIT_MILLIS))) {
					return;
				}
				continue;
			}
			long connectionId = connectionIds.incrementAndGet();
			try (Connection connection = connections.open()) {
				connection.setNetworkTimeout(Runnable::run, REPLY_MILLIS);
				try (Statement statement = connection.createStatement()) {
					statement.execute("set application_name = '" + APPLICATION_NAME + "'");
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				backendPid = pg.getBackendPID();
				backoff = FIRST_RETRY;
				if (warned) {
					log.info("Listening for PostgreSQL notifications again");
					warned = false;
				}
				poll(connection, pg, connectionId);
			}
			catch (SQLException ex) {
				if (!warned && polling()) {
					log.warn("Not listening for PostgreSQL notifications ({}); signals from other nodes are late until it"
							+ " reconnects", ex.getMessage());
					warned = true;
				}
			}
			finally {
				if (polling() || thread == null) {
					// (not when a restart's thread has taken over meanwhile)
					backendPid = null;
				}
				// only those still on this connection: a restart's thread may have moved some to its own already
				subscribers.values().forEach(list -> list.forEach(subscriber -> subscriber.lost(connectionId)));
			}
			if (!polling() || !pause(backoff)) {
				return;
			}
			Duration longest = strictest(Liveness::maxBackoff);
			backoff = backoff.multipliedBy(2).compareTo(longest) > 0 ? longest : backoff.multipliedBy(2);
		}
	}

	private void poll(Connection connection, PGConnection pg, long connectionId) throws SQLException {
		Set<String> listened = new HashSet<>();
		long quietSince = System.nanoTime();
		while (polling()) {
			follow(connection, listened, connectionId);
			long heartbeat = strictest(Liveness::heartbeat).toNanos();
			PGNotification[] received = pg.getNotifications((int) Math.clamp(heartbeat / 1_000_000, 1, WAIT_MILLIS));
			if (received != null && received.length > 0) {
				for (PGNotification notification : received) {
					dispatch(notification.getName(), notification.getParameter());
				}
				quietSince = System.nanoTime();
			}
			else if (System.nanoTime() - quietSince >= heartbeat) {
				// a socket read without a timeout would wait forever on a connection that died silently
				try (Statement statement = connection.createStatement()) {
					statement.execute("select 1");
				}
				quietSince = System.nanoTime();
			}
		}
	}

	/** Listens to new channels, stops listening to abandoned ones, then lets new listeners catch up. */
	private void follow(Connection connection, Set<String> listened, long connectionId) throws SQLException {
		Set<String> wanted = Set.copyOf(subscribers.keySet());
		for (String channel : wanted) {
			if (listened.add(channel)) {
				execute(connection, "LISTEN " + channel);
			}
		}
		for (String channel : Set.copyOf(listened)) {
			if (!wanted.contains(channel)) {
				execute(connection, "UNLISTEN " + channel);
				listened.remove(channel);
			}
		}
		for (String channel : listened) {
			for (NotifySubscriber subscriber : subscribers.getOrDefault(channel, List.of())) {
				subscriber.listening(connectionId);
			}
		}
	}

	private void dispatch(String channel, String payload) {
		for (NotifySubscriber subscriber : subscribers.getOrDefault(channel, List.of())) {
			if (!subscriber.closed) {
				NotifySubscriber.call(() -> subscriber.receiver.accept(payload), "a notification on " + channel);
			}
		}
	}

	/** The shortest of {@code demand} (a heartbeat, a longest backoff) that an open subscription asks for. */
	private Duration strictest(Function<Liveness, Duration> demand) {
		Duration shortest = demand.apply(Liveness.DEFAULT);
		for (List<NotifySubscriber> list : subscribers.values()) {
			for (NotifySubscriber subscriber : list) {
				Duration asked = demand.apply(subscriber.liveness);
				shortest = asked.compareTo(shortest) < 0 ? asked : shortest;
			}
		}
		return shortest;
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static boolean pause(Duration duration) {
		try {
			Thread.sleep(duration);
			return true;
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

	private static void checkChannel(String channel) {
		if (!CHANNEL.matcher(channel).matches()) {
			throw new IllegalArgumentException("Channel name '" + channel + "' is not a lower-case SQL identifier"
					+ " ([a-z_][a-z0-9_]*, at most 63 characters)");
		}
	}

	private static void checkPayload(String channel, String payload) {
		int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_PAYLOAD_BYTES) {
			throw new IllegalArgumentException("A NOTIFY payload on " + channel + " is " + bytes + " bytes; PostgreSQL takes"
					+ " at most " + MAX_PAYLOAD_BYTES + " (send an id to read the rest by)");
		}
	}

	/**
	 * How soon a subscriber needs a broken connection found and retried: a cache that is off while the connection is lost
	 * wants the outage noticed early, a wake-up shortcut does not care. The connection is checked after the shortest
	 * {@code heartbeat} without traffic, and re-opened with a backoff capped at the shortest {@code maxBackoff}, of its
	 * open subscriptions; {@link #DEFAULT} (30 s each) is the longest either gets.
	 */
	public record Liveness(Duration heartbeat, Duration maxBackoff) {

		/** What a subscription without its own demands gets: 30 s quiet before a heartbeat, retries at most 30 s apart. */
		public static final Liveness DEFAULT = new Liveness(Duration.ofSeconds(30), Duration.ofSeconds(30));

		public Liveness {
			if (!heartbeat.isPositive() || !maxBackoff.isPositive()) {
				throw new IllegalArgumentException("A heartbeat and a longest backoff must be positive, not " + heartbeat
						+ " and " + maxBackoff);
			}
		}
	}

	/** A subscriber's hold on its channel; closing it stops deliveries (and listening, when it was the last). */
	public interface Subscription extends AutoCloseable {

		@Override
		void close();
	}
}

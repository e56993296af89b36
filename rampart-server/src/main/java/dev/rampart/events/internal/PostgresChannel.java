package dev.rampart.events.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.rampart.shared.DirectConnections;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live signals through PostgreSQL {@code NOTIFY}/{@code LISTEN} on {@value #CHANNEL}: the fan-out without Redis, and its
 * fallback while Redis is lost. Sending never blocks the caller: lines wait in a bounded queue and a sender thread
 * notifies them in batches (one round trip each, on a pooled connection); a full queue drops lines, which costs
 * followers latency (they re-read at their heartbeat), never events. Listening holds one connection outside the pool;
 * after it was lost, every follower on the node re-reads.
 */
final class PostgresChannel {

	static final String CHANNEL = "rampart_live";

	private static final Logger log = LoggerFactory.getLogger(PostgresChannel.class);
	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
	private static final int BATCH = 500;

	private final DataSource dataSource;
	private final DirectConnections connections;
	private final Consumer<String> receiver;
	private final Runnable reconnected;
	private final BlockingQueue<String> outgoing = new ArrayBlockingQueue<>(50_000);
	private volatile boolean running;
	private @Nullable Thread sender;
	private @Nullable Thread listener;
	private volatile boolean droppedWarned;

	PostgresChannel(DataSource dataSource, DirectConnections connections, Consumer<String> receiver, Runnable reconnected) {
		this.dataSource = dataSource;
		this.connections = connections;
		this.receiver = receiver;
		this.reconnected = reconnected;
	}

	void start() {
		running = true;
		sender = Thread.ofPlatform().daemon().name("live-notify").start(this::send);
		listener = Thread.ofPlatform().daemon().name("live-listen").start(this::listen);
	}

	void stop() {
		running = false;
		if (sender != null) {
			sender.interrupt();
		}
		if (listener != null) {
			listener.interrupt();
		}
	}

	/** Queues {@code line} for every node (this one hears it too). */
	void publish(String line) {
		if (!outgoing.offer(line) && !droppedWarned) {
			droppedWarned = true;
			log.warn("Live signals are produced faster than PostgreSQL NOTIFY sends them; dropping some (followers re-read at"
					+ " their heartbeat)");
		}
	}

	private void send() {
		List<String> batch = new ArrayList<>(BATCH);
		while (running) {
			try {
				String first = outgoing.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				outgoing.drainTo(batch, BATCH - 1);
				notifyAll(batch);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (SQLException | RuntimeException ex) {
				log.warn("Could not NOTIFY {} live signals ({}); followers re-read at their heartbeat", batch.size(),
						ex.getMessage());
			}
			finally {
				batch.clear();
			}
		}
	}

	private void notifyAll(List<String> lines) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				var statement = connection.prepareStatement("select count(pg_notify('" + CHANNEL + "', line))"
						+ " from unnest(?) as line")) {
			Array array = connection.createArrayOf("text", lines.toArray());
			statement.setArray(1, array);
			statement.executeQuery().close();
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
	}

	private void listen() {
		Duration backoff = Duration.ofMillis(250);
		boolean warned = false;
		while (running) {
			try (Connection connection = connections.open()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				backoff = Duration.ofMillis(250);
				warned = false;
				reconnected.run();
				int quiet = 0;
				while (running) {
					PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(500);
					if (notifications != null && notifications.length > 0) {
						quiet = 0;
						for (PGNotification notification : notifications) {
							receiver.accept(notification.getParameter());
						}
					}
					else if (++quiet >= 60) {
						// a socket read without a timeout would wait forever on a connection that died silently
						connection.setNetworkTimeout(Runnable::run, 1500);
						try (Statement statement = connection.createStatement()) {
							statement.execute("select 1");
						}
						quiet = 0;
					}
				}
			}
			catch (SQLException ex) {
				if (!warned && running) {
					log.warn("Not listening for other nodes' live signals ({}); followers re-read at their heartbeat",
							ex.getMessage());
					warned = true;
				}
			}
			try {
				Thread.sleep(backoff);
			}
			catch (InterruptedException ex) {
				return;
			}
			backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
		}
	}
}

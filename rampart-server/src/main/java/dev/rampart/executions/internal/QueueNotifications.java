package dev.rampart.executions.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import dev.rampart.executions.RunsProperties;
import dev.rampart.shared.DirectConnections;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears other nodes' enqueues and cancels: one connection outside the pool ({@link DirectConnections}) that
 * {@code LISTEN}s on {@value JdbcRuns#CHANNEL} and turns {@code wake} and {@code cancel:<run id>} into {@link RunSignals}.
 * Only a shortcut: without it (connection lost, a PgBouncer in transaction mode) workers still find every run at their
 * next poll and every cancel at their next heartbeat.
 */
@Component
class QueueNotifications implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(QueueNotifications.class);
	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final DirectConnections connections;
	private final RunSignals signals;
	private final RunsProperties properties;
	private volatile boolean running;
	private @Nullable Thread thread;

	QueueNotifications(DirectConnections connections, RunSignals signals, RunsProperties properties) {
		this.connections = connections;
		this.signals = signals;
		this.properties = properties;
	}

	@Override
	public void start() {
		running = true;
		if (properties.workers() > 0) {
			thread = Thread.ofPlatform().daemon().name("run-notifications").start(this::listen);
		}
	}

	private void listen() {
		Duration backoff = Duration.ofMillis(250);
		boolean warned = false;
		while (running) {
			try (Connection connection = connections.open()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + JdbcRuns.CHANNEL);
				}
				backoff = Duration.ofMillis(250);
				warned = false;
				// anything enqueued while this node was not listening is found now
				signals.wake();
				int quiet = 0;
				int wait = (int) Math.max(100, properties.pollInterval().toMillis());
				while (running) {
					PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(wait);
					if (notifications != null && notifications.length > 0) {
						quiet = 0;
						for (PGNotification notification : notifications) {
							apply(notification.getParameter());
						}
					}
					else if (++quiet * (long) wait >= 30_000) {
						// a socket read without a timeout would wait forever on a connection that died silently
						connection.setNetworkTimeout(Runnable::run, wait * 3);
						try (Statement statement = connection.createStatement()) {
							statement.execute("select 1");
						}
						quiet = 0;
					}
				}
			}
			catch (SQLException ex) {
				if (!warned && running) {
					log.warn("Not listening for queued runs ({}); workers find them at their next poll meanwhile",
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

	private void apply(String payload) {
		if (payload.startsWith("cancel:")) {
			try {
				signals.cancel(UUID.fromString(payload.substring("cancel:".length())));
			}
			catch (IllegalArgumentException ignored) {
				// not a run id: nothing of ours
			}
		}
		else {
			signals.wake();
		}
	}

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

package dev.rampart.events.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import dev.rampart.shared.DirectConnections;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears other nodes' notifications: one connection outside the pool ({@link DirectConnections}) that {@code LISTEN}s on
 * {@value NotificationRows#CHANNEL} and wakes this node's followers of the tenant a message names ({@code *}: all). The
 * message is only a pointer; followers read the table, so a message lost while the connection was down costs nothing
 * but delay: every follower is woken when the connection is (re)established.
 */
@Component
class NotificationChannel implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotificationChannel.class);
	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
	private static final int WAIT_MILLIS = 1_000;

	private final DirectConnections connections;
	private final JdbcNotifications notifications;
	private volatile boolean running;
	private @Nullable Thread thread;

	NotificationChannel(DirectConnections connections, JdbcNotifications notifications) {
		this.connections = connections;
		this.notifications = notifications;
	}

	@Override
	public void start() {
		running = true;
		thread = Thread.ofPlatform().daemon().name("notification-channel").start(this::listen);
	}

	private void listen() {
		Duration backoff = Duration.ofMillis(250);
		boolean warned = false;
		while (running) {
			try (Connection connection = connections.open()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + NotificationRows.CHANNEL);
				}
				backoff = Duration.ofMillis(250);
				warned = false;
				notifications.wakeAll();
				int quiet = 0;
				while (running) {
					PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
					if (received != null && received.length > 0) {
						quiet = 0;
						for (PGNotification notification : received) {
							apply(notification.getParameter());
						}
					}
					else if (++quiet * (long) WAIT_MILLIS >= 30_000) {
						// a socket read without a timeout would wait forever on a connection that died silently
						connection.setNetworkTimeout(Runnable::run, WAIT_MILLIS * 3);
						try (Statement statement = connection.createStatement()) {
							statement.execute("select 1");
						}
						quiet = 0;
					}
				}
			}
			catch (SQLException ex) {
				if (!warned && running) {
					log.warn("Not listening for other nodes' notifications ({}); their followers here wait for the"
							+ " next notice of this node", ex.getMessage());
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
		if (payload.equals(NotificationRows.EVERY_TENANT)) {
			notifications.wakeAll();
			return;
		}
		try {
			notifications.wake(new TenantId(UUID.fromString(payload)));
		}
		catch (IllegalArgumentException ignored) {
			// not a tenant id: nothing of ours
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

package dev.rampart.events.notify;

import java.util.UUID;

import dev.rampart.shared.NotifyChannels;
import dev.rampart.shared.NotifyListener;
import dev.rampart.shared.TenantId;
import org.springframework.stereotype.Component;

/**
 * Hears other nodes' notifications: subscribes to {@value NotificationRows#CHANNEL} on the node's
 * {@link NotifyChannels} and wakes this node's followers of the tenant a message names ({@code *}: all). The message is
 * only a pointer; followers read the table, so a message lost while the connection was down costs nothing but delay:
 * every follower is woken when listening (re)starts.
 */
@Component
class NotificationChannel extends NotifyListener {

	private final JdbcNotifications notifications;

	NotificationChannel(NotifyChannels channels, JdbcNotifications notifications) {
		super(channels);
		this.notifications = notifications;
	}

	@Override
	protected NotifyChannels.Subscription subscribe(NotifyChannels channels) {
		return channels.subscribe(NotificationRows.CHANNEL, this::apply, notifications::wakeAll);
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
}

package dev.rampart.events.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.rampart.FrozenClock;
import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.events.Notice;
import dev.rampart.events.Notifications;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** Notifications are kept for the retention period by the node's clock, then deleted; newer ones stay. */
@ServerTest
@Import(FrozenClock.class)
class NotificationRetentionIT {

	private final Notifications notifications;
	private final NotificationRetention retention;
	private final MovableClock clock;

	@Autowired
	NotificationRetentionIT(Notifications notifications, NotificationRetention retention, Clock clock) {
		this.notifications = notifications;
		this.retention = retention;
		this.clock = (MovableClock) clock;
	}

	@Test
	void aNotificationOlderThanTheRetentionIsDeletedAndANewerOneStays() {
		UUID user = UUID.randomUUID();
		long old = notifications.publish(TenantId.DEFAULT, notice(user, "old")).id();
		clock.advance(Duration.ofDays(20));
		long recent = notifications.publish(TenantId.DEFAULT, notice(user, "recent")).id();
		clock.advance(Duration.ofDays(11));

		assertThat(retention.purge()).isGreaterThanOrEqualTo(1);

		assertThat(notifications.after(TenantId.DEFAULT, user, old - 1, 10).items())
			.extracting(notification -> notification.id()).containsExactly(recent);
	}

	private static Notice notice(UUID user, String title) {
		return Notice.forUser(user, "test", Notice.INFO, title, Map.of());
	}
}

package dev.rampart.events.notify;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes notifications older than {@code rampart.events.notifications.retention} (30 days), by the injected clock,
 * every {@code purge-interval}. A follower that resumes after a deleted id simply continues with the oldest kept one.
 */
@Component
@EnableScheduling
class NotificationRetention {

	private static final Logger log = LoggerFactory.getLogger(NotificationRetention.class);

	private final NotificationRows rows;
	private final Clock clock;
	private final NotificationsProperties properties;

	NotificationRetention(NotificationRows rows, Clock clock, NotificationsProperties properties) {
		this.rows = rows;
		this.clock = clock;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "${rampart.events.notifications.purge-interval:1h}",
			fixedDelayString = "${rampart.events.notifications.purge-interval:1h}")
	int purge() {
		int deleted = rows.deleteBefore(clock.instant().minus(properties.retention()));
		if (deleted > 0) {
			log.debug("Deleted {} notifications past their retention", deleted);
		}
		return deleted;
	}
}

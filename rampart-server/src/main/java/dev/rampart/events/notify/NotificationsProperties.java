package dev.rampart.events.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code rampart.events.notifications.*} (docs/notifications.md).
 *
 * @param retention how long a notification is kept; older ones are deleted
 * @param purgeInterval how often the retention runs
 * @param heartbeat how often an idle SSE stream gets a comment, so proxies keep it open
 * @param permissionRecheck how long a follower's permission decisions are reused before they are asked again
 * @param quotaWindow a tenant gets at most one {@code quota_near} and one {@code quota_exceeded} per window of this
 *        length (counted from the epoch, UTC), however many nodes see the budget run low
 */
@ConfigurationProperties("rampart.events.notifications")
public record NotificationsProperties(@DefaultValue("30d") Duration retention, @DefaultValue("1h") Duration purgeInterval,
		@DefaultValue("15s") Duration heartbeat, @DefaultValue("30s") Duration permissionRecheck,
		@DefaultValue("1h") Duration quotaWindow) {

	public NotificationsProperties {
		if (!retention.isPositive() || !purgeInterval.isPositive() || !heartbeat.isPositive()
				|| permissionRecheck.isNegative() || quotaWindow.toSeconds() < 1) {
			throw new IllegalArgumentException("rampart.events.notifications: retention, purge-interval, heartbeat and "
					+ "quota-window (at least 1s) must be > 0");
		}
	}
}

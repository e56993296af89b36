package dev.rampart.events.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import dev.rampart.events.LiveTopic;
import dev.rampart.events.Notification;
import dev.rampart.events.Notifications;
import dev.rampart.events.internal.EventMasking;
import dev.rampart.identity.BearerPrincipals;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.springframework.stereotype.Component;

/**
 * The {@code notifications} topic of {@code /ws} ({@code {"type":"subscribe","id":"c2","topic":"notifications"}}): as
 * {@code GET /api/v1/notifications/stream} without {@code Last-Event-ID}: the notices kept, oldest first, then live, each
 * sent as
 * {@code {"type":"notification","notification":{...}}}, masked by the tenant's policy like the stream. Needs
 * {@code notification:read}, like the stream.
 */
@Component
class NotificationsTopic implements LiveTopic {

	private final Notifications notifications;
	private final BearerPrincipals principals;
	private final EventMasking masking;

	NotificationsTopic(Notifications notifications, BearerPrincipals principals, EventMasking masking) {
		this.notifications = notifications;
		this.principals = principals;
		this.masking = masking;
	}

	@Override
	public String name() {
		return "notifications";
	}

	@Override
	public AutoCloseable subscribe(RampartPrincipal principal, Consumer<Object> send) {
		if (!principals.allows(principal, "notification:read", null)) {
			throw new RampartException(ErrorCode.PERMISSION_DENIED, "Subscribing to notifications needs notification:read.");
		}
		return notifications.follow(principal.tenant(), Notifications.recipient(principal), 0,
				notification -> send.accept(message(masking.mask(principal.tenant(), notification))));
	}

	private static Map<String, Object> message(Notification notification) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("type", "notification");
		message.put("notification", notification);
		return message;
	}
}

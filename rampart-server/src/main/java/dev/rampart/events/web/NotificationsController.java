package dev.rampart.events.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.rampart.events.Notification;
import dev.rampart.events.Notifications;
import dev.rampart.events.internal.EventMasking;
import dev.rampart.events.internal.RunFeeds;
import dev.rampart.events.notify.NotificationsProperties;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code /api/v1/notifications} (docs/notifications.md): the caller's notifications as pages of JSON, and as a stream of
 * server-sent events ({@code id} = the notification's id) that resumes after {@code Last-Event-ID}. A caller sees the
 * notices addressed to them and the tenant-wide ones whose permission their role holds. The stream masks each
 * notification by the tenant's policy itself ({@link EventMasking}): the API's masking advice sees JSON answers, not
 * server-sent events.
 */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationsController implements DisposableBean {

	private static final int MAX_PAGE = 200;

	private final Notifications notifications;
	private final NotificationsProperties properties;
	private final EventMasking masking;
	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().daemon().name("notification-heartbeat").factory());

	private final RunFeeds feeds;

	NotificationsController(Notifications notifications, NotificationsProperties properties, EventMasking masking,
			RunFeeds feeds) {
		this.notifications = notifications;
		this.properties = properties;
		this.masking = masking;
		this.feeds = feeds;
	}

	/** Oldest first after {@code after} (0: from the oldest kept); {@code next} continues, null on the last page. */
	@GetMapping
	@Requires("notification:read")
	Notifications.Page list(@AuthenticationPrincipal RampartPrincipal principal,
			@RequestParam(name = "after", defaultValue = "0") long after,
			@RequestParam(name = "limit", defaultValue = "50") int limit) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw new InvalidFieldsException("limit", "must be 1 to " + MAX_PAGE);
		}
		return notifications.after(principal.tenant(), Notifications.recipient(principal), cursor(after, "after"), limit);
	}

	/**
	 * Replays after {@code Last-Event-ID} (or {@code after}; none: from the oldest kept), then follows live; a comment
	 * every {@code heartbeat} keeps idle connections open. Needs {@code Accept: text/event-stream}.
	 */
	@GetMapping("/stream")
	@Requires("notification:read")
	SseEmitter stream(@AuthenticationPrincipal RampartPrincipal principal, HttpServletRequest request,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
			@RequestParam(name = "after", required = false) @Nullable Long after) {
		String accept = request.getHeader("Accept");
		if (accept == null || !accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE)) {
			throw new RampartException(ErrorCode.STREAM_NOT_ACCEPTED, "Accept was " + (accept == null ? "not sent" : "'"
					+ accept + "'") + "; this stream is text/event-stream only.");
		}
		long from = lastEventId != null ? lastEventId(lastEventId) : cursor(after == null ? 0 : after, "after");
		SseEmitter emitter = RunStreamController.opened();
		Notifications.Subscription subscription = notifications.follow(principal.tenant(),
				Notifications.recipient(principal), from,
				notification -> send(emitter, masking.mask(principal.tenant(), notification)));
		long every = properties.heartbeat().toMillis();
		ScheduledFuture<?> heartbeat = heartbeats.scheduleWithFixedDelay(() -> {
			try {
				emitter.send(SseEmitter.event().comment("heartbeat"));
			}
			catch (IOException | IllegalStateException gone) {
				subscription.close();
			}
		}, every, every, TimeUnit.MILLISECONDS);
		RunFeeds.Counted counted = feeds.connected("sse");
		Runnable end = () -> {
			heartbeat.cancel(false);
			subscription.close();
			counted.close();
		};
		emitter.onCompletion(end);
		emitter.onTimeout(end);
		emitter.onError(error -> end.run());
		return emitter;
	}

	private static void send(SseEmitter emitter, Notification notification) {
		try {
			emitter.send(SseEmitter.event().id(Long.toString(notification.id())).name("notification")
				.data(notification, MediaType.APPLICATION_JSON));
		}
		catch (IOException ex) {
			// the follower stops on this; the emitter's callbacks end the rest
			throw new UncheckedIOException(ex);
		}
	}

	private static long lastEventId(String header) {
		try {
			return cursor(Long.parseLong(header.strip()), "Last-Event-ID");
		}
		catch (NumberFormatException ex) {
			throw new InvalidFieldsException("Last-Event-ID", "must be the id of a notification this stream sent");
		}
	}

	private static long cursor(long value, String field) {
		if (value < 0) {
			throw new InvalidFieldsException(field, "must be 0 or the id of a notification");
		}
		return value;
	}

	@Override
	public void destroy() {
		heartbeats.shutdownNow();
	}
}

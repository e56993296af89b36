package dev.rampart.events.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import dev.rampart.events.EventsProperties;
import dev.rampart.events.LiveTopic;
import dev.rampart.executions.events.RunEventLog;
import dev.rampart.identity.BearerPrincipals;
import dev.rampart.identity.InvalidTokenException;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code /ws} connection (docs/live-events.md): {@code auth} first (else 4401), then run subscriptions, each a
 * {@link RunFeed} whose events go through the connection's {@link Outbox}; when the outbox is full, that run's
 * subscription is dropped and the client told {@code resync} with the last seq queued for it. The principal is
 * authenticated again and each subscription's permission checked again every {@code recheck} (4403 once revoked), and
 * at once when {@link LiveSocketHandler#recheck} is told of an identity change on this node.
 */
final class LiveConnection {

	static final CloseStatus UNAUTHORIZED = new CloseStatus(4401, "authenticate first: {\"type\":\"auth\",\"token\":...}");
	static final CloseStatus FORBIDDEN = new CloseStatus(4403, "the principal is no longer allowed");

	private final WebSocketSession session;
	private final RunFeeds feeds;
	private final BearerPrincipals principals;
	private final Map<String, LiveTopic> topics;
	private final JsonMapper json;
	private final EventsProperties.Websocket settings;
	private final Outbox outbox;
	private final Map<UUID, Subscription> runs = new ConcurrentHashMap<>();
	private final Map<String, AutoCloseable> topicSubscriptions = new ConcurrentHashMap<>();
	private final List<ScheduledFuture<?>> timers;
	private final RunFeeds.Counted counted;
	private volatile @Nullable RampartPrincipal principal;
	private volatile @Nullable String token;
	private volatile boolean closed;

	LiveConnection(WebSocketSession session, RunFeeds feeds, BearerPrincipals principals, Map<String, LiveTopic> topics,
			JsonMapper json, EventsProperties.Websocket settings) {
		this.session = session;
		this.feeds = feeds;
		this.principals = principals;
		this.topics = topics;
		this.json = json;
		this.settings = settings;
		this.outbox = new Outbox(session, feeds.executor(), settings.bufferMessages(), settings.bufferBytes(),
				() -> close(CloseStatus.SESSION_NOT_RELIABLE));
		this.timers = List.of(feeds.after(settings.authTimeout(), () -> {
			if (principal == null) {
				close(UNAUTHORIZED);
			}
		}), feeds.every(settings.ping(), () -> outbox.control("{\"type\":\"ping\"}")),
				feeds.every(settings.recheck(), this::recheck));
		this.counted = feeds.connected("ws");
	}

	void receive(String text) {
		JsonNode message;
		try {
			message = json.readTree(text);
		}
		catch (JacksonException ex) {
			message = null;
		}
		String type = message == null ? "" : message.path("type").asString("");
		if (principal == null || type.equals("auth")) {
			if (!type.equals("auth") || message == null || !authenticate(message.path("token").asString(""))) {
				close(UNAUTHORIZED);
			}
			return;
		}
		switch (type) {
			case "subscribe" -> subscribe(message);
			case "unsubscribe" -> unsubscribe(message);
			case "ping" -> outbox.control("{\"type\":\"pong\"}");
			case "pong" -> {
			}
			default -> error(message.path("id").asString(null), null, "BAD_MESSAGE",
					"Unknown message type; expected subscribe, unsubscribe or ping.");
		}
	}

	/** First {@code auth}, or a later one with a fresh token of the same principal. */
	private boolean authenticate(String presented) {
		RampartPrincipal current = principal;
		try {
			RampartPrincipal next = principals.authenticate(presented);
			if (current != null && (!current.subject().equals(next.subject()) || !current.tenant().equals(next.tenant()))) {
				return false;
			}
			principal = next;
			token = presented;
			if (current == null) {
				outbox.control("{\"type\":\"ready\"}");
			}
			return true;
		}
		catch (InvalidTokenException ex) {
			return false;
		}
	}

	private void subscribe(JsonNode message) {
		String id = message.path("id").asString(null);
		RampartPrincipal who = principalOrNull();
		if (who == null) {
			return;
		}
		if (message.hasNonNull("topic")) {
			subscribeTopic(id, message.path("topic").asString(""), who);
			return;
		}
		UUID run = uuid(message.path("run").asString(""));
		long after = message.path("after").asLong(0);
		Optional<RunEventLog.Run> found = run == null ? Optional.empty() : feeds.find(who.tenant(), run);
		if (run == null || found.isEmpty() || after < 0) {
			error(id, run, ErrorCode.RUN_NOT_FOUND.name(), ErrorCode.RUN_NOT_FOUND.userMessage());
			return;
		}
		if (!principals.allows(who, "run:read", found.get().owner())) {
			error(id, run, ErrorCode.PERMISSION_DENIED.name(), ErrorCode.PERMISSION_DENIED.userMessage());
			return;
		}
		Subscription previous = runs.remove(run);
		if (previous != null) {
			previous.feed().close();
		}
		outbox.control(write(Map.of("type", "subscribed", "id", id == null ? "" : id, "run", run.toString())));
		SocketSink sink = new SocketSink(run, after);
		RunFeed feed = feeds.open(who.tenant(), run, after, sink);
		Subscription subscription = new Subscription(feed, sink, found.get().owner());
		runs.put(run, subscription);
		if (feed.isClosed()) {
			// a finished run was delivered whole before the subscription was kept
			runs.remove(run, subscription);
		}
	}

	private void subscribeTopic(@Nullable String id, String name, RampartPrincipal who) {
		LiveTopic topic = topics.get(name);
		if (topic == null) {
			error(id, null, "UNKNOWN_TOPIC", "There is no such topic on this server.");
			return;
		}
		try {
			AutoCloseable subscription = topic.subscribe(who, message -> outbox.offer(write(message)));
			AutoCloseable previous = topicSubscriptions.put(name, subscription);
			closeQuietly(previous);
			outbox.control(write(Map.of("type", "subscribed", "id", id == null ? "" : id, "topic", name)));
		}
		catch (RampartException ex) {
			error(id, null, ex.code().name(), ex.code().userMessage());
		}
	}

	private void unsubscribe(JsonNode message) {
		if (message.hasNonNull("topic")) {
			closeQuietly(topicSubscriptions.remove(message.path("topic").asString("")));
			return;
		}
		UUID run = uuid(message.path("run").asString(""));
		Subscription subscription = run == null ? null : runs.remove(run);
		if (subscription != null) {
			subscription.feed().close();
			outbox.control(write(Map.of("type", "unsubscribed", "run", run.toString())));
		}
	}

	/** Who the socket speaks for; null until {@code auth} succeeded. */
	@Nullable RampartPrincipal principal() {
		return principal;
	}

	/**
	 * The principal again (a user no longer a member, disabled or signed out everywhere, or a revoked key, closes the
	 * socket with 4403) and each run subscription's permission (one no longer allowed is dropped with an error). Safe
	 * to call from any thread, also while the periodic re-check runs.
	 */
	void recheck() {
		String presented = token;
		RampartPrincipal who = principal;
		if (closed || presented == null || who == null) {
			return;
		}
		try {
			RampartPrincipal now = principals.authenticate(presented);
			principal = now;
			runs.forEach((run, subscription) -> {
				if (!principals.allows(now, "run:read", subscription.owner()) && runs.remove(run, subscription)) {
					subscription.feed().close();
					error(null, run, ErrorCode.PERMISSION_DENIED.name(), ErrorCode.PERMISSION_DENIED.userMessage());
				}
			});
		}
		catch (InvalidTokenException ex) {
			close(FORBIDDEN);
		}
	}

	private @Nullable RampartPrincipal principalOrNull() {
		return principal;
	}

	private void error(@Nullable String id, @Nullable UUID run, String code, String userMessage) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "error");
		if (id != null) {
			body.put("id", id);
		}
		if (run != null) {
			body.put("run", run.toString());
		}
		body.put("code", code);
		body.put("userMessage", userMessage);
		outbox.control(write(body));
	}

	private String write(Object message) {
		return json.writeValueAsString(message);
	}

	void close(CloseStatus status) {
		closed();
		try {
			session.close(status);
		}
		catch (IOException | RuntimeException ignored) {
			// already gone
		}
	}

	/** Stops every feed, topic and timer; the socket is closed or closing. */
	void closed() {
		if (closed) {
			return;
		}
		closed = true;
		timers.forEach(timer -> timer.cancel(false));
		runs.values().forEach(subscription -> subscription.feed().close());
		runs.clear();
		topicSubscriptions.values().forEach(LiveConnection::closeQuietly);
		topicSubscriptions.clear();
		outbox.close();
		counted.close();
	}

	private static void closeQuietly(@Nullable AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ignored) {
				// a topic that fails to stop has nothing more to send here
			}
		}
	}

	private static @Nullable UUID uuid(String text) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private record Subscription(RunFeed feed, SocketSink sink, String owner) {
	}

	/** A run's feed into the outbox; on overflow it drops the subscription and queues {@code resync}. */
	private final class SocketSink implements RunFeed.Sink {

		private final UUID run;
		private volatile long queued;

		SocketSink(UUID run, long after) {
			this.run = run;
			this.queued = after;
		}

		@Override
		public void events(List<LiveEvent> events) {
			for (LiveEvent event : events) {
				if (outbox.offer(event.socketMessage(json), settings.sendTimeLimit())) {
					queued = event.seq();
					continue;
				}
				Subscription subscription = runs.get(run);
				if (subscription != null && subscription.sink() == this && runs.remove(run, subscription)) {
					subscription.feed().close();
				}
				outbox.control(write(Map.of("type", "resync", "run", run.toString(), "lastSeq", queued)));
				return;
			}
		}

		@Override
		public void token(String text) {
			outbox.offer(write(Map.of("type", "token", "run", run.toString(), "text", text)));
		}

		@Override
		public void heartbeat() {
		}

		@Override
		public void ended() {
			runs.computeIfPresent(run, (key, subscription) -> subscription.sink() == this ? null : subscription);
		}

		@Override
		public void failed(Exception cause) {
			runs.computeIfPresent(run, (key, subscription) -> subscription.sink() == this ? null : subscription);
		}
	}
}

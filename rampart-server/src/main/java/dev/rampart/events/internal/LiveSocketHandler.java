package dev.rampart.events.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.rampart.events.EventsProperties;
import dev.rampart.events.LiveTopic;
import dev.rampart.identity.BearerPrincipals;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.shared.TenantId;
import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws}: one {@link LiveConnection} per socket, kept in the session's attributes and in the node's set of open
 * connections, so that an identity change made on this node re-checks the affected sockets at once ({@link #recheck}).
 */
final class LiveSocketHandler extends TextWebSocketHandler {

	private static final String CONNECTION = LiveConnection.class.getName();
	/** Tomcat's per-session limit on one blocking write (default 20 s). */
	private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private final RunFeeds feeds;
	private final BearerPrincipals principals;
	private final Map<String, LiveTopic> topics;
	private final JsonMapper json;
	private final EventsProperties properties;
	private final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();

	LiveSocketHandler(RunFeeds feeds, BearerPrincipals principals, List<LiveTopic> topics, JsonMapper json,
			EventsProperties properties) {
		this.feeds = feeds;
		this.principals = principals;
		this.topics = topics.stream().collect(Collectors.toUnmodifiableMap(LiveTopic::name, Function.identity()));
		this.json = json;
		this.properties = properties;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		if (session instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession() instanceof Session container) {
			container.getUserProperties().put(BLOCKING_SEND_TIMEOUT, properties.websocket().writeTimeout().toMillis());
		}
		LiveConnection connection = new LiveConnection(session, feeds, principals, topics, json, properties.websocket());
		session.getAttributes().put(CONNECTION, connection);
		connections.add(connection);
	}

	/**
	 * Re-checks, on a virtual thread of its own, every socket of {@code tenant} on this node (every socket when null):
	 * those whose principal no longer authenticates close with 4403, subscriptions no longer allowed end. Sockets on
	 * other nodes are re-checked by their own periodic re-check ({@code rampart.events.websocket.recheck}).
	 */
	void recheck(@Nullable TenantId tenant) {
		List<LiveConnection> affected = connections.stream()
			.filter(connection -> {
				RampartPrincipal principal = connection.principal();
				return principal != null && (tenant == null || principal.tenant().equals(tenant));
			})
			.toList();
		if (!affected.isEmpty()) {
			Thread.ofVirtual().name("live-socket-recheck").start(() -> affected.forEach(LiveConnection::recheck));
		}
	}

	/** How many sockets are open on this node. */
	int connectionCount() {
		return connections.size();
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		if (session.getAttributes().get(CONNECTION) instanceof LiveConnection connection) {
			connection.receive(message.getPayload());
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		if (session.getAttributes().get(CONNECTION) instanceof LiveConnection connection) {
			connections.remove(connection);
			connection.closed();
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		afterConnectionClosed(session, CloseStatus.SERVER_ERROR);
	}
}

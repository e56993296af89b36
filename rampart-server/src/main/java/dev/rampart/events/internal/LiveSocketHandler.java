package dev.rampart.events.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.rampart.events.EventsProperties;
import dev.rampart.events.LiveTopic;
import dev.rampart.identity.BearerPrincipals;
import jakarta.websocket.Session;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/** {@code /ws}: one {@link LiveConnection} per socket, kept in the session's attributes. */
final class LiveSocketHandler extends TextWebSocketHandler {

	private static final String CONNECTION = LiveConnection.class.getName();
	/** Tomcat's per-session limit on one blocking write (default 20 s). */
	private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private final RunFeeds feeds;
	private final BearerPrincipals principals;
	private final Map<String, LiveTopic> topics;
	private final JsonMapper json;
	private final EventsProperties properties;

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
		session.getAttributes().put(CONNECTION, new LiveConnection(session, feeds, principals, topics, json,
				properties.websocket()));
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
			connection.closed();
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		afterConnectionClosed(session, CloseStatus.SERVER_ERROR);
	}
}

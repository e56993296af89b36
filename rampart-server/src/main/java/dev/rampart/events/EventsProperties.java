package dev.rampart.events;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of live delivery (docs/live-events.md), checked once at start-up.
 *
 * @param fanOut how a run's progress reaches the other nodes: {@code auto} (Redis when {@code rampart.redis.url} is set,
 *     else PostgreSQL LISTEN/NOTIFY), {@code redis}, {@code postgres}, or {@code local} (this node only)
 * @param allowedOrigins browser origins besides Rampart's own that may open {@code /ws} (added to
 *     {@code rampart.gateway.websocket.allowed-origins})
 * @param sseHeartbeat how often an idle SSE stream gets a comment line, which also re-reads the log in case a pointer
 *     was lost
 * @param websocket the {@code /ws} limits
 * @param tailEvents how many of a followed run's latest events this node keeps, masked, for its subscribers (one
 *     {@code RunTail} per run); a subscriber further behind reads the log itself
 */
@ConfigurationProperties("rampart.events")
public record EventsProperties(@DefaultValue("auto") FanOut fanOut, @DefaultValue List<String> allowedOrigins,
		@DefaultValue("15s") Duration sseHeartbeat, @DefaultValue Websocket websocket,
		@DefaultValue("256") int tailEvents) {

	public EventsProperties {
		if (!sseHeartbeat.isPositive()) {
			throw new IllegalArgumentException("rampart.events.sse-heartbeat must be > 0");
		}
		if (tailEvents < 1) {
			throw new IllegalArgumentException("rampart.events.tail-events must be >= 1");
		}
	}

	/** Where progress pointers travel between nodes. */
	public enum FanOut {
		AUTO, REDIS, POSTGRES, LOCAL
	}

	/**
	 * {@code rampart.events.websocket.*}.
	 *
	 * @param authTimeout how long a new socket may take to send its {@code auth} message before it is closed (4401)
	 * @param bufferMessages the most messages queued for one connection
	 * @param bufferBytes the most bytes queued for one connection
	 * @param sendTimeLimit how long a run's feed waits for room in a full buffer (a burst read from the log) before the
	 *     client counts as slow: its subscription is dropped with {@code resync}. Only the feed waits, on its own thread;
	 *     producers never do
	 * @param writeTimeout how long one write to a socket that does not read may block before the connection is closed
	 *     (the container's blocking send timeout)
	 * @param ping how often the server sends {@code {"type":"ping"}}
	 * @param recheck how often each connection's principal and subscriptions are checked again (4403 when revoked)
	 * @param maxMessageChars the longest message a client may send, in characters; longer ones close the socket with
	 *     1009. Clients only send small control messages (the longest is {@code auth} with its token), and the
	 *     container keeps a buffer of this size for every open socket
	 */
	public record Websocket(@DefaultValue("10s") Duration authTimeout, @DefaultValue("256") int bufferMessages,
			@DefaultValue("1048576") long bufferBytes, @DefaultValue("5s") Duration sendTimeLimit,
			@DefaultValue("60s") Duration writeTimeout, @DefaultValue("25s") Duration ping,
			@DefaultValue("30s") Duration recheck, @DefaultValue("4096") int maxMessageChars) {

		public Websocket {
			if (bufferMessages < 1 || bufferBytes < 1024 || !authTimeout.isPositive() || !ping.isPositive()
					|| !recheck.isPositive() || sendTimeLimit.isNegative() || !writeTimeout.isPositive()
					|| maxMessageChars < 1024) {
				throw new IllegalArgumentException("rampart.events.websocket: buffer-messages >= 1, buffer-bytes >= 1024,"
						+ " max-message-chars >= 1024, durations > 0");
			}
		}
	}
}

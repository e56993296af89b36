package dev.rampart.events.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code /ws} client on the JDK's {@link WebSocket}: messages arrive in a queue; {@link #pause()} stops asking the
 * socket for more (the client stops reading, as a slow consumer does) and {@link #resume()} reads on.
 */
final class SocketClient implements WebSocket.Listener, AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
	private final CompletableFuture<Integer> closed = new CompletableFuture<>();
	private final StringBuilder partial = new StringBuilder();
	private volatile boolean paused;
	private volatile @Nullable WebSocket socket;

	static SocketClient connect(int port, @Nullable String origin) {
		SocketClient client = new SocketClient();
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		if (origin != null) {
			builder.header("Origin", origin);
		}
		client.socket = builder.buildAsync(URI.create("ws://localhost:" + port + "/ws"), client).join();
		return client;
	}

	/** Connects, authenticates with {@code token} and waits for {@code ready}. */
	static SocketClient ready(int port, String token) {
		SocketClient client = connect(port, null);
		client.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
		JsonNode ready = client.next();
		if (!ready.path("type").asString("").equals("ready")) {
			throw new IllegalStateException("not ready: " + ready);
		}
		return client;
	}

	void send(String text) {
		WebSocket current = socket;
		if (current == null) {
			throw new IllegalStateException("not connected");
		}
		current.sendText(text, true).join();
	}

	/** The next message, waiting up to 30 s for it. */
	JsonNode next() {
		try {
			JsonNode message = messages.poll(30, TimeUnit.SECONDS);
			if (message == null) {
				throw new IllegalStateException("no message within 30 s");
			}
			return message;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The next message of {@code type}, skipping pings. */
	JsonNode next(String type) {
		for (;;) {
			JsonNode message = next();
			if (!message.path("type").asString("").equals("ping")) {
				if (!message.path("type").asString("").equals(type)) {
					throw new IllegalStateException("expected " + type + ", got " + message);
				}
				return message;
			}
		}
	}

	/** The close code the server sent, waiting up to 30 s. */
	int closeCode() {
		return closed.orTimeout(30, TimeUnit.SECONDS).join();
	}

	void pause() {
		paused = true;
	}

	void resume() {
		paused = false;
		WebSocket current = socket;
		if (current != null) {
			current.request(1);
		}
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		partial.append(data);
		if (last) {
			messages.add(JSON.readTree(partial.toString()));
			partial.setLength(0);
		}
		if (!paused) {
			webSocket.request(1);
		}
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		closed.completeExceptionally(error);
	}

	@Override
	public void close() {
		WebSocket current = socket;
		if (current != null && !current.isOutputClosed()) {
			current.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
		}
		if (current != null) {
			current.abort();
		}
	}
}

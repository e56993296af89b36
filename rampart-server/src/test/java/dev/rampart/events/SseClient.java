package dev.rampart.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A test client of a {@code text/event-stream} that stays open: events are read as they come, on a thread of its own. */
final class SseClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	/** One event; {@code id} null when it had none. */
	record Event(@Nullable String id, String name, JsonNode data) {
	}

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
	private final Stream<String> lines;
	private final int status;

	SseClient(int port, String path, String accessToken, @Nullable String lastEventId) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + accessToken)
			.header("Accept", "text/event-stream")
			.GET();
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<Stream<String>> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines());
		this.status = response.statusCode();
		this.lines = response.body();
		Thread.ofVirtual().start(this::read);
	}

	int status() {
		return status;
	}

	private void read() {
		String id = null;
		String name = "message";
		StringBuilder data = new StringBuilder();
		try {
			Iterator<String> iterator = lines.iterator();
			while (iterator.hasNext()) {
				String line = iterator.next();
				if (line.isEmpty()) {
					if (!data.isEmpty()) {
						events.add(new Event(id, name, JSON.readTree(data.toString())));
					}
					id = null;
					name = "message";
					data.setLength(0);
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).strip();
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).strip());
				}
			}
		}
		catch (RuntimeException closed) {
			// the test closed the stream
		}
	}

	/** The next event, waiting for it as long as a server under test may reasonably take. */
	Event next() throws InterruptedException {
		Event event = events.poll(30, TimeUnit.SECONDS);
		if (event == null) {
			throw new AssertionError("no event within 30 s");
		}
		return event;
	}

	/** The events received so far and not yet taken. */
	@Nullable Event poll() {
		return events.poll();
	}

	@Override
	public void close() {
		lines.close();
	}
}

package dev.rampart.events.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/** Reads a run's SSE stream the way a browser's EventSource does, with {@code Last-Event-ID} on reconnects. */
final class SseClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	/** What one connection delivered. */
	record Read(int status, boolean ended, long last) {
	}

	/**
	 * Connects to {@code port}, resuming after {@code last}, and reads at most {@code max} events (their seqs go to
	 * {@code seqs}) before hanging up; {@code ended} when the server ended the stream first.
	 */
	Read read(int port, String token, String run, long last, int max, List<Long> seqs) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/runs/" + run
				+ "/events"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream");
		if (last > 0) {
			request.header("Last-Event-ID", Long.toString(last));
		}
		HttpResponse<Stream<String>> response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
		long position = last;
		try (Stream<String> lines = response.body()) {
			if (response.statusCode() != 200) {
				return new Read(response.statusCode(), false, last);
			}
			Iterator<String> it = lines.iterator();
			String id = null;
			String data = null;
			int read = 0;
			while (it.hasNext()) {
				String line = it.next();
				if (line.startsWith("id:")) {
					id = line.substring(3).strip();
				}
				else if (line.startsWith("data:")) {
					data = line.substring(5).strip();
				}
				else if (line.isEmpty()) {
					if (id != null && data != null) {
						long seq = Long.parseLong(id);
						if (JSON.readTree(data).path("seq").asLong() != seq) {
							throw new IllegalStateException("id and data disagree: " + id + " " + data);
						}
						seqs.add(seq);
						position = seq;
						if (++read >= max) {
							return new Read(200, false, position);
						}
					}
					id = null;
					data = null;
				}
			}
			return new Read(200, true, position);
		}
	}
}

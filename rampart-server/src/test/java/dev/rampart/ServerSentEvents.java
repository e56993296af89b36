package dev.rampart;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a whole {@code text/event-stream} body into its events, for tests. */
public final class ServerSentEvents {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ServerSentEvents() {
	}

	/** One event: its name and its data parsed as JSON. */
	public record Event(String name, JsonNode data) {
	}

	public static List<Event> parse(String body) {
		List<Event> events = new ArrayList<>();
		for (String block : body.split("\n\n")) {
			String name = "message";
			StringBuilder data = new StringBuilder();
			for (String line : block.split("\n")) {
				if (line.startsWith("event:")) {
					name = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).strip());
				}
			}
			if (!data.isEmpty()) {
				events.add(new Event(name, JSON.readTree(data.toString())));
			}
		}
		return events;
	}

	/** The concatenated {@code text} of every {@code delta} event. */
	public static String text(List<Event> events) {
		StringBuilder text = new StringBuilder();
		events.stream().filter(e -> e.name().equals("delta")).forEach(e -> text.append(e.data().get("text").asString()));
		return text.toString();
	}
}

package dev.rampart.events.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.rampart.executions.events.RunEventLog;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One logged run event as live delivery sends it: masked once per node by the tenant's policy, and encoded once per
 * wire form however many subscribers receive it (the SSE frame and the WebSocket message are kept on first use). With
 * a thousand viewers of one run, encoding per viewer was most of the work.
 */
public final class LiveEvent {

	private final UUID run;
	private final long seq;
	private final String type;
	private final JsonNode data;
	private final Instant at;
	private volatile @Nullable String sseFrame;
	private volatile @Nullable String socketMessage;

	LiveEvent(UUID run, RunEventLog.Event event, JsonNode maskedData) {
		this.run = run;
		this.seq = event.seq();
		this.type = event.type();
		this.data = maskedData;
		this.at = event.at();
	}

	public long seq() {
		return seq;
	}

	public String type() {
		return type;
	}

	/** The event's data after the tenant's response masking. */
	public JsonNode data() {
		return data;
	}

	public Instant at() {
		return at;
	}

	public boolean terminal() {
		return RunEventLog.TERMINAL.contains(type);
	}

	/**
	 * The whole SSE frame: {@code id: <seq>}, {@code event: <type>}, {@code data: {"seq","type","data","at"}} and the
	 * blank line that ends it (the JSON has no line breaks, so it is one {@code data:} line).
	 */
	public String sseFrame(JsonMapper json) {
		String frame = sseFrame;
		if (frame == null) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("seq", seq);
			body.put("type", type);
			body.put("data", data);
			body.put("at", at.toString());
			frame = "id:" + seq + "\nevent:" + type + "\ndata:" + json.writeValueAsString(body) + "\n\n";
			sseFrame = frame;
		}
		return frame;
	}

	/** The {@code /ws} message: {@code {"type":"event","run","seq","event","data","at"}}. */
	public String socketMessage(JsonMapper json) {
		String message = socketMessage;
		if (message == null) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", "event");
			body.put("run", run.toString());
			body.put("seq", seq);
			body.put("event", type);
			body.put("data", data);
			body.put("at", at.toString());
			message = json.writeValueAsString(body);
			socketMessage = message;
		}
		return message;
	}
}

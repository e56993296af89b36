package dev.rampart.providers.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.rampart.providers.spi.StreamEnd;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.shared.Problems;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.ServerSentEvents;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a streamed reply as server-sent events: {@code delta} {@code {"text"}} for each piece, then
 * {@code done} {@code {"finishReason","usage","masked","servedBy","toolCalls"}} or {@code error} (the problem's fields). The
 * response starts with the first event, so a failure before any text answers a plain problem instead. A client that
 * goes away makes a write throw {@link ServerSentEvents.ClientGone}: LangChainModelCalls then stops the model's stream.
 */
final class SseSink implements StreamSink {

	private final ServerSentEvents events;
	private final Problems problems;
	private @Nullable RampartException failedBeforeStart;

	SseSink(HttpServletResponse response, JsonMapper json, Problems problems) {
		this.events = new ServerSentEvents(response, json);
		this.problems = problems;
	}

	@Override
	public void delta(String text) {
		events.send("delta", Map.of("text", text));
	}

	@Override
	public void end(StreamEnd end) {
		Map<String, @Nullable Object> done = new LinkedHashMap<>();
		done.put("finishReason", end.finishReason());
		done.put("usage", end.usage());
		done.put("masked", end.masked());
		done.put("servedBy", end.servedBy());
		done.put("toolCalls", end.toolCalls());
		events.send("done", done);
	}

	@Override
	public void fail(RampartException failure) {
		if (!events.started()) {
			failedBeforeStart = failure;
			return;
		}
		events.send("error", problems.fields(failure));
	}

	/** A failure that came before the first event is answered as an ordinary problem. */
	void throwIfFailedBeforeStart() {
		if (failedBeforeStart != null) {
			throw failedBeforeStart;
		}
	}
}

package dev.rampart.providers.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.rampart.providers.spi.StreamEnd;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.shared.Problems;
import dev.rampart.shared.RampartException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a streamed reply as server-sent events: {@code delta} {@code {"text"}} for each piece, then
 * {@code done} {@code {"finishReason","usage","masked","servedBy","toolCalls"}} or {@code error} (the problem's fields). The
 * response starts with the first event, so a failure before any text answers a plain problem instead.
 */
final class SseSink implements StreamSink {

	private final HttpServletResponse response;
	private final JsonMapper json;
	private final Problems problems;
	private @Nullable ServletOutputStream out;
	private @Nullable RampartException failedBeforeStart;

	SseSink(HttpServletResponse response, JsonMapper json, Problems problems) {
		this.response = response;
		this.json = json;
		this.problems = problems;
	}

	@Override
	public void delta(String text) {
		send("delta", Map.of("text", text));
	}

	@Override
	public void end(StreamEnd end) {
		Map<String, Object> done = new LinkedHashMap<>();
		done.put("finishReason", end.finishReason());
		done.put("usage", end.usage());
		done.put("masked", end.masked());
		done.put("servedBy", end.servedBy());
		done.put("toolCalls", end.toolCalls());
		send("done", done);
	}

	@Override
	public void fail(RampartException failure) {
		if (out == null) {
			failedBeforeStart = failure;
			return;
		}
		ProblemDetail problem = problems.of(failure);
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("type", problem.getType().toString());
		fields.put("title", problem.getTitle());
		fields.put("status", problem.getStatus());
		fields.put("detail", problem.getDetail());
		if (problem.getProperties() != null) {
			fields.putAll(problem.getProperties());
		}
		send("error", fields);
	}

	/** A failure that came before the first event is answered as an ordinary problem. */
	void throwIfFailedBeforeStart() {
		if (failedBeforeStart != null) {
			throw failedBeforeStart;
		}
	}

	private void send(String event, Map<String, ? extends @Nullable Object> data) {
		try {
			if (out == null) {
				response.setStatus(200);
				response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
				response.setCharacterEncoding("UTF-8");
				response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
				response.setHeader("X-Accel-Buffering", "no");
				out = response.getOutputStream();
			}
			out.write(("event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
		catch (IOException ex) {
			throw new ClientGone(ex);
		}
	}

	/**
	 * The client closed the stream: the model's stream is cancelled (LangChainModelCalls stops it when the sink
	 * throws) and the request ends quietly, since nothing more can be written to it.
	 */
	static final class ClientGone extends UncheckedIOException {

		ClientGone(IOException cause) {
			super("the client closed the stream", cause);
		}
	}
}

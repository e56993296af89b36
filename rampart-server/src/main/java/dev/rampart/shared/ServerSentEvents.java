package dev.rampart.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes server-sent events ({@code event: name}, {@code data: json}) straight to a servlet response, flushing each,
 * for endpoints that stream while they work (the playground, an agent step). The response starts with the first
 * event, so an endpoint that fails before it can still answer a plain problem. Not thread-safe: one writer at a time.
 */
public final class ServerSentEvents {

	private final HttpServletResponse response;
	private final JsonMapper json;
	private @Nullable ServletOutputStream out;

	public ServerSentEvents(HttpServletResponse response, JsonMapper json) {
		this.response = response;
		this.json = json;
	}

	/** Whether the first event has been written (the status and headers are sent). */
	public boolean started() {
		return out != null;
	}

	/**
	 * @throws ClientGone when the client closed the connection
	 */
	public void send(String event, Object data) {
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

	/** The client closed the stream; nothing more can be written to it. */
	public static final class ClientGone extends UncheckedIOException {

		ClientGone(IOException cause) {
			super("the client closed the stream", cause);
		}
	}
}

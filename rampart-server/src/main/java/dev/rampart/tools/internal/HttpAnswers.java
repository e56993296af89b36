package dev.rampart.tools.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.rampart.tools.SafeHttp;
import tools.jackson.databind.json.JsonMapper;

/**
 * How an HTTP tool ({@code http_request}, an OpenAPI operation) answers the model: one JSON object with the status,
 * the content type and the body as text, cut at {@link #MAX_BODY_CHARS} and saying so.
 */
final class HttpAnswers {

	static final int MAX_BODY_CHARS = 20_000;

	private HttpAnswers() {
	}

	/** {@code {"status","contentType","body","truncated"}} for the response, with {@code text} as its body. */
	static String of(JsonMapper json, SafeHttp.Response response, String text) {
		boolean cut = text.length() > MAX_BODY_CHARS;
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", response.status());
		answer.put("contentType", response.header("content-type").orElse(null));
		answer.put("body", cut ? text.substring(0, MAX_BODY_CHARS) : text);
		answer.put("truncated", cut);
		return json.writeValueAsString(answer);
	}
}

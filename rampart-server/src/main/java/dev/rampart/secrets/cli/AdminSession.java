package dev.rampart.secrets.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed-in session with a Rampart node for the CLI: signs in, sends the access token with every
 * call, refreshes it once when it has expired (a rewrap can outlast it) and signs out on close. A
 * refused call becomes {@link Refused} with the problem's message, details, fields and first
 * suggested action.
 */
final class AdminSession implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;
	private final String base;
	private String accessToken;
	private @Nullable String refreshToken;

	record Credentials(String email, String password) {

		@Override
		public String toString() {
			return "Credentials[email=" + email + ", password=[redacted]]";
		}
	}

	private AdminSession(HttpClient http, String base, String accessToken, String refreshToken) {
		this.http = http;
		this.base = base;
		this.accessToken = accessToken;
		this.refreshToken = refreshToken;
	}

	static AdminSession signIn(HttpClient http, String base, Credentials credentials) throws IOException, InterruptedException {
		String login = JSON.writeValueAsString(JSON.createObjectNode().put("email", credentials.email())
			.put("password", credentials.password()));
		JsonNode tokens = send(http, base, "POST", "/api/v1/auth/login", login, null);
		return new AdminSession(http, base, tokens.get("accessToken").asString(), tokens.get("refreshToken").asString());
	}

	/** A call with the access token; an expired one is refreshed once and the call repeated. */
	JsonNode call(String method, String path, @Nullable String body) throws IOException, InterruptedException {
		try {
			return send(http, base, method, path, body, accessToken);
		}
		catch (Expired ex) {
			JsonNode tokens = send(http, base, "POST", "/api/v1/auth/refresh", refreshBody(), null);
			accessToken = tokens.get("accessToken").asString();
			refreshToken = tokens.get("refreshToken").asString();
			return send(http, base, method, path, body, accessToken);
		}
	}

	/** Signs out (revokes the refresh-token family); a failure leaves the session to expire by itself. */
	@Override
	public void close() {
		if (refreshToken == null) {
			return;
		}
		try {
			send(http, base, "POST", "/api/v1/auth/logout", refreshBody(), null);
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			// expires by itself
		}
		refreshToken = null;
	}

	private String refreshBody() {
		return JSON.writeValueAsString(JSON.createObjectNode().put("refreshToken", refreshToken));
	}

	private static JsonNode send(HttpClient http, String base, String method, String path, @Nullable String body,
			@Nullable String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
		if (response.statusCode() < 400) {
			return json;
		}
		if (token != null && response.statusCode() == 401 && json.path("code").asString("").equals("TOKEN_INVALID")) {
			throw new Expired();
		}
		String message = json.path("userMessage").asString("HTTP " + response.statusCode());
		String details = json.path("technicalDetails").asString("");
		StringBuilder fields = new StringBuilder();
		json.path("errors").forEach(error -> fields.append(System.lineSeparator()).append("  ")
			.append(error.path("field").asString()).append(": ").append(error.path("message").asString()));
		JsonNode actions = json.path("suggestedActions");
		String action = actions.isArray() && !actions.isEmpty() ? System.lineSeparator() + "  " + actions.get(0).asString() : "";
		throw new Refused(message + (details.isEmpty() ? "" : " " + details) + fields + action);
	}

	/** The node refused; the message is what the user should read. */
	static final class Refused extends RuntimeException {

		Refused(String message) {
			super(message);
		}
	}

	/** The access token expired during a long command. */
	private static final class Expired extends RuntimeException {

		Expired() {
			super(null, null, false, false);
		}
	}
}

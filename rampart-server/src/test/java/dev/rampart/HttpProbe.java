package dev.rampart;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests that must see exactly what a real client sees. */
public final class HttpProbe {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	/** The platform admin that application-test.yaml bootstraps. */
	public static final String ADMIN_EMAIL = "test-admin@example.org";
	public static final String ADMIN_PASSWORD = "quiet-harbour-lantern-97";

	private final String base;
	private final String authorization;

	public HttpProbe(int port) {
		this("http://localhost:" + port, null);
	}

	private HttpProbe(String base, String authorization) {
		this.base = base;
		this.authorization = authorization;
	}

	/** A probe that signs in as the test platform admin and sends its access token with every request. */
	public static HttpProbe signedIn(int port) {
		return signedIn(port, ADMIN_EMAIL, ADMIN_PASSWORD);
	}

	public static HttpProbe signedIn(int port, String email, String password) {
		HttpProbe anonymous = new HttpProbe(port);
		Reply login = anonymous.json("POST", "/api/v1/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
		if (login.status() != 200) {
			throw new IllegalStateException("sign-in failed: " + login.status() + " " + login.body());
		}
		return new HttpProbe(anonymous.base, "Bearer " + login.json().get("accessToken").asString());
	}

	/**
	 * Creates tenant {@code tenant} as the test platform admin, with a new user {@code email} as its
	 * owner, makes that owner replace the initial password by {@code password} (as they must), and
	 * returns a probe signed in as the owner in that tenant.
	 */
	public static HttpProbe ownerOfNewTenant(int port, String tenant, String email, String password) {
		String initial = "initial-" + password;
		Reply created = signedIn(port).json("POST", "/api/v1/tenants",
				"{\"name\":\"" + tenant + "\",\"ownerEmail\":\"" + email + "\",\"ownerPassword\":\"" + initial + "\"}");
		if (created.status() != 201) {
			throw new IllegalStateException("tenant not created: " + created.status() + " " + created.body());
		}
		return signedInChangingPassword(port, email, initial, password);
	}

	/**
	 * Signs in with a password the user must change ({@code initial}), changes it to {@code chosen} and
	 * returns a probe with the access token of that answer.
	 */
	public static HttpProbe signedInChangingPassword(int port, String email, String initial, String chosen) {
		Reply changed = signedIn(port, email, initial).json("POST", "/api/v1/users/me/password",
				"{\"currentPassword\":\"" + initial + "\",\"newPassword\":\"" + chosen + "\"}");
		if (changed.status() != 200) {
			throw new IllegalStateException("password not changed: " + changed.status() + " " + changed.body());
		}
		return withToken(port, changed.json().get("accessToken").asString());
	}

	/** A probe that sends this access token with every request. */
	public static HttpProbe withToken(int port, String accessToken) {
		return new HttpProbe("http://localhost:" + port, "Bearer " + accessToken);
	}

	/** The access token this probe sends (for clients that carry it elsewhere, such as a WebSocket's first message). */
	public String accessToken() {
		if (authorization == null) {
			throw new IllegalStateException("an anonymous probe has no token");
		}
		return authorization.substring("Bearer ".length());
	}

	/** The same probe without credentials. */
	public HttpProbe anonymous() {
		return new HttpProbe(base, null);
	}

	public Reply get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	public Reply post(String path, String contentType, String body) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Sends {@code body} (JSON, may be null for none) with any method: PATCH, PUT, DELETE ... */
	public Reply json(String method, String path, String body) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Like {@link #json}, with extra request headers (e.g. Authorization). */
	public Reply send(String method, String path, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return send(request);
	}

	/** Posts without a Content-Length, so the body travels chunked and its size is unknown up front. */
	public Reply postChunked(String path, byte[] body) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
	}

	private Reply send(HttpRequest.Builder request) {
		if (authorization != null) {
			request.setHeader("Authorization", authorization);
		}
		try {
			HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), response.headers().map());
		}
		catch (Exception ex) {
			throw new IllegalStateException("request failed", ex);
		}
	}

	public record Reply(int status, String contentType, String body, Map<String, List<String>> headers) {

		public Reply(int status, String contentType, String body) {
			this(status, contentType, body, Map.of());
		}

		public JsonNode json() {
			return JSON.readTree(body);
		}

		/** The first value of response header {@code name} (any case), or null. */
		public String header(String name) {
			return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
				.flatMap(header -> header.getValue().stream()).findFirst().orElse(null);
		}
	}
}

package dev.rampart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Every response carries the hardening headers and a request id; cross-origin access follows the
 * allowlist; TRACE and unsupported methods are refused.
 */
@ServerTest
@TestPropertySource(properties = "rampart.gateway.cors.allowed-origins=https://console.example.org")
class HeadersIT {

	static final String ALLOWED = "https://console.example.org";
	static final String EVIL = "https://evil.example";

	@LocalServerPort
	int port;

	final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void everyKindOfResponseCarriesTheSecurityHeadersOnce() {
		String token = token();
		List<HttpResponse<String>> responses = List.of(
				send("GET", "/api/v1/credentials", null, Map.of("Authorization", "Bearer " + token)),
				send("GET", "/api/v1/credentials", null, Map.of()),
				send("GET", "/api/v1/no-such-thing", null, Map.of("Authorization", "Bearer " + token)),
				send("POST", "/api/v1/credentials", "[" + "1,".repeat(600_000) + "1]", Map.of()),
				send("POST", "/api/v1/credentials", "[" + "1,".repeat(10_001) + "1]", Map.of()),
				send("GET", "/actuator/health/liveness", null, Map.of()));

		assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 401, 404, 413, 400, 200);
		for (HttpResponse<String> response : responses) {
			assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
			assertThat(response.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
			assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("DENY");
			assertThat(response.headers().allValues("Content-Security-Policy"))
				.containsExactly("default-src 'none'; frame-ancestors 'none'");
			assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
		}
	}

	@Test
	void aSafeRequestIdIsEchoed() {
		HttpResponse<String> response = send("GET", "/actuator/health/liveness", null,
				Map.of("X-Request-Id", "client-42.retry_1"));

		assertThat(response.headers().allValues("X-Request-Id")).containsExactly("client-42.retry_1");
	}

	@Test
	void anUnsafeOrOverlongRequestIdIsReplacedByANewOne() {
		for (String unsafe : List.of("a".repeat(65), "id with spaces", "id;<script>", "ünicode")) {
			HttpResponse<String> response = send("GET", "/actuator/health/liveness", null, Map.of("X-Request-Id", unsafe));

			assertThat(response.headers().firstValue("X-Request-Id").orElseThrow()).isNotEqualTo(unsafe)
				.matches("[0-9a-f-]{36}");
		}
	}

	@Test
	void withoutARequestIdOneIsGeneratedPerRequest() {
		String first = send("GET", "/actuator/health/liveness", null, Map.of()).headers().firstValue("X-Request-Id").orElseThrow();
		String second = send("GET", "/actuator/health/liveness", null, Map.of()).headers().firstValue("X-Request-Id").orElseThrow();

		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void aPreflightFromAnAllowedOriginIsAnsweredWithoutCredentials() {
		HttpResponse<String> response = send("OPTIONS", "/api/v1/credentials", null, Map.of("Origin", ALLOWED,
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
	}

	@Test
	void aRequestFromAnAllowedOriginGetsItsCorsHeaders() {
		HttpResponse<String> response = send("GET", "/api/v1/credentials", null,
				Map.of("Origin", ALLOWED, "Authorization", "Bearer " + token()));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("X-Request-Id");
	}

	@Test
	void aPreflightFromAnotherOriginIsRefusedWithAProblem() {
		HttpResponse<String> response = send("OPTIONS", "/api/v1/credentials", null,
				Map.of("Origin", EVIL, "Access-Control-Request-Method", "POST"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(response.body()).contains("ORIGIN_NOT_ALLOWED");
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void aWriteFromAnotherOriginIsRefusedBeforeItChangesAnything() {
		String token = token();
		int before = HttpProbe.withToken(port, token).get("/api/v1/api-keys").json().get("items").size();

		HttpResponse<String> response = send("POST", "/api/v1/api-keys", "{\"name\":\"cross\",\"permissions\":[]}",
				Map.of("Origin", EVIL, "Authorization", "Bearer " + token));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("ORIGIN_NOT_ALLOWED");
		assertThat(HttpProbe.withToken(port, token).get("/api/v1/api-keys").json().get("items").size()).isEqualTo(before);
	}

	@Test
	void traceIsRefused() throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("TRACE /api/v1/credentials HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);

			assertThat(answer).startsWith("HTTP/1.1 405");
			assertThat(answer).doesNotContain("TRACE /api/v1/credentials");
		}
	}

	@Test
	void anUnsupportedMethodAnswersMethodNotAllowedAsAProblem() {
		HttpResponse<String> response = send("DELETE", "/api/v1/auth/login", null, Map.of());

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(response.body()).contains("METHOD_NOT_ALLOWED");
	}

	private String token() {
		HttpResponse<String> login = send("POST", "/api/v1/auth/login",
				"{\"email\":\"" + HttpProbe.ADMIN_EMAIL + "\",\"password\":\"" + HttpProbe.ADMIN_PASSWORD + "\"}", Map.of());
		String body = login.body();
		int start = body.indexOf("\"accessToken\":\"") + 15;
		return body.substring(start, body.indexOf('"', start));
	}

	private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		try {
			return client.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException("request failed", ex);
		}
	}
}

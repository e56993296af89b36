package dev.rampart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The limits on the request path of a whole node, with small limits that refill once an hour. */
@ServerTest
@TestPropertySource(properties = {
		"rampart.gateway.rate-limits.plans.default.reads=1/1h burst 3",
		"rampart.gateway.rate-limits.refresh=1/1h burst 2" })
class RateLimitIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void aUserGetsTheBurstOfReadsThenA429WithRetryAfterAndRateLimitHeaders() throws Exception {
		String token = accessToken();

		for (int i = 0; i < 3; i++) {
			HttpResponse<String> ok = get("/api/v1/members", token);
			assertThat(ok.statusCode()).isEqualTo(200);
			assertThat(ok.headers().allValues("RateLimit-Policy")).contains("\"reads\";q=1;w=3600");
			assertThat(ok.headers().allValues("RateLimit")).contains("\"reads\";r=" + (2 - i) + ";t=" + (3600 * (i + 1)));
			assertThat(String.join(",", ok.headers().allValues("RateLimit"))).contains("\"tenant\";r=", "\"principal\";r=",
					"\"address\";r=");
		}

		HttpResponse<String> refused = get("/api/v1/members", token);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("3600");
		assertThat(refused.headers().allValues("RateLimit")).contains("\"reads\";r=0;t=10800");
		JsonNode problem = JSON.readTree(refused.body());
		assertThat(problem.get("code").asString()).isEqualTo("RATE_LIMITED");
		assertThat(problem.get("canRetry").asBoolean()).isTrue();
		assertThat(problem.get("estimatedRecoveryTime").asLong()).isEqualTo(3600);
		assertThat(meters.counter("rampart.gateway.rate_limited", "limit", "reads").count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void refreshIsLimitedPerSourceAddressBeforeAuthentication() throws Exception {
		for (int i = 0; i < 2; i++) {
			assertThat(refresh().statusCode()).isEqualTo(401);
		}
		HttpResponse<String> refused = refresh();
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("3600");
		assertThat(refused.headers().allValues("RateLimit-Policy")).contains("\"refresh\";q=1;w=3600");
		assertThat(JSON.readTree(refused.body()).get("code").asString()).isEqualTo("RATE_LIMITED");
	}

	private String accessToken() throws Exception {
		HttpResponse<String> login = client.send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + HttpProbe.ADMIN_EMAIL + "\",\"password\":\""
					+ HttpProbe.ADMIN_PASSWORD + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(200);
		return JSON.readTree(login.body()).get("accessToken").asString();
	}

	private HttpResponse<String> refresh() throws Exception {
		return client.send(HttpRequest.newBuilder(uri("/api/v1/auth/refresh"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"refreshToken\":\"not-a-refresh-token\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return client.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}
}

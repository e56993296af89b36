package dev.rampart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.rampart.EmbeddedRedis;
import dev.rampart.HttpProbe;
import dev.rampart.RampartApplication;
import dev.rampart.ServerTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.embedded.RedisServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two whole nodes (this test's context and a second one it starts) sharing an embedded Redis:
 * the tenant limit of the bootstrap admin's tenant holds across both.
 */
@ServerTest
@DirtiesContext
class RateLimitTwoNodesIT {

	private static final String TENANT_LIMIT = "1/1h burst 6";
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final int REDIS_PORT = EmbeddedRedis.freePort();
	private static final RedisServer REDIS = startRedis();
	private static ConfigurableApplicationContext secondNode;

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void sharedRedis(DynamicPropertyRegistry registry) {
		registry.add("rampart.redis.url", () -> "redis://127.0.0.1:" + REDIS_PORT);
		registry.add("rampart.gateway.rate-limits.plans.default.tenant", () -> TENANT_LIMIT);
	}

	@AfterAll
	static void stop() throws IOException {
		if (secondNode != null) {
			secondNode.close();
		}
		REDIS.stop();
	}

	@Test
	void twoNodesEnforceOneTenantLimitTogether() throws Exception {
		// command-line arguments, so they win over application-test.yaml as the first node's dynamic properties do
		secondNode = new SpringApplicationBuilder(RampartApplication.class).profiles("test")
			.run("--rampart.redis.url=redis://127.0.0.1:" + REDIS_PORT,
					"--rampart.gateway.rate-limits.plans.default.tenant=" + TENANT_LIMIT);
		int secondPort = ((WebServerApplicationContext) secondNode).getWebServer().getPort();
		String firstToken = accessToken(port);
		String secondToken = accessToken(secondPort);

		int allowed = 0;
		for (int i = 0; i < 12; i++) {
			HttpResponse<String> response = i % 2 == 0 ? get(port, firstToken) : get(secondPort, secondToken);
			if (response.statusCode() == 200) {
				allowed++;
			}
			else {
				assertThat(response.statusCode()).isEqualTo(429);
				assertThat(response.headers().allValues("RateLimit")).anyMatch(value -> value.startsWith("\"tenant\";r=0"));
			}
		}
		assertThat(allowed).isEqualTo(6);
	}

	private String accessToken(int nodePort) throws Exception {
		HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + nodePort
				+ "/api/v1/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + HttpProbe.ADMIN_EMAIL + "\",\"password\":\""
					+ HttpProbe.ADMIN_PASSWORD + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(200);
		return JSON.readTree(login.body()).get("accessToken").asString();
	}

	private HttpResponse<String> get(int nodePort, String token) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + nodePort + "/api/v1/members"))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}


	private static RedisServer startRedis() {
		return EmbeddedRedis.start(REDIS_PORT);
	}
}

package dev.rampart.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import dev.rampart.EmbeddedRedis;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.PriorityOrdered;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.embedded.RedisServer;
import tools.jackson.databind.JsonNode;

/**
 * {@code /actuator/health} of a node with Redis (an embedded one on a free port, so the test can stop it): who sees
 * what, Redis lost turns the node degraded but keeps it ready, and a hanging check is reported as timed out.
 */
@ServerTest
@DirtiesContext
@Import(HealthIT.HangingTools.class)
class HealthIT {

	private static final int REDIS_PORT = EmbeddedRedis.freePort();
	private static RedisServer redis = startRedis();
	private static volatile CountDownLatch hang = new CountDownLatch(0);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void sharedRedis(DynamicPropertyRegistry registry) {
		registry.add("rampart.redis.url", () -> "redis://127.0.0.1:" + REDIS_PORT);
	}

	@AfterAll
	static void stop() throws IOException {
		hang.countDown();
		redis.stop();
	}

	/** Makes {@code external_tools} hang while {@link #hang} is closed; wrapped before the node's own wrapping. */
	@TestConfiguration(proxyBeanMethods = false)
	static class HangingTools {

		@Bean
		static HangingPostProcessor hangingExternalTools() {
			return new HangingPostProcessor();
		}
	}

	static final class HangingPostProcessor implements BeanPostProcessor, PriorityOrdered {

		@Override
		public Object postProcessAfterInitialization(Object bean, String name) {
			if (!name.equals("external_tools") || !(bean instanceof HealthIndicator tools)) {
				return bean;
			}
			return (HealthIndicator) () -> {
				awaitQuietly(hang);
				return tools.health();
			};
		}

		@Override
		public int getOrder() {
			return HIGHEST_PRECEDENCE;
		}
	}

	@Test
	void anonymousCallersSeeTheStatusAlone() {
		HttpProbe anonymous = new HttpProbe(port);

		for (String path : new String[] { "/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness" }) {
			JsonNode health = anonymous.get(path).json();
			assertThat(health.get("status").asString()).as(path).isEqualTo("UP");
			assertThat(health.propertyNames()).as(path).doesNotContain("components", "details", "timestamp");
		}
		assertThat(anonymous.get("/actuator/health/database").status()).isEqualTo(404);
	}

	@Test
	void membersWhoAreNotAdministratorsSeeTheStatusAlone() {
		HttpProbe admin = HttpProbe.signedIn(port);
		String email = "viewer-" + UUID.randomUUID() + "@example.org";
		String password = "sturdy-horse-battery-" + UUID.randomUUID();
		assertThat(admin.json("POST", "/api/v1/members",
				"{\"email\":\"" + email + "\",\"role\":\"viewer\",\"password\":\"initial-" + password + "\"}").status())
			.isEqualTo(201);
		HttpProbe viewer = HttpProbe.signedInChangingPassword(port, email, "initial-" + password, password);

		assertThat(viewer.get("/actuator/health").json().propertyNames()).contains("status")
			.doesNotContain("components", "details", "timestamp");
	}

	@Test
	void administratorsSeeEveryDependencyWithATimestamp() {
		Instant before = Instant.now().minusSeconds(1);
		JsonNode health = HttpProbe.signedIn(port).get("/actuator/health").json();

		assertThat(health.get("components").propertyNames()).contains("database", "redis", "llm_providers",
				"external_tools", "vector_index", "livenessState", "readinessState");
		assertThat(Instant.parse(health.get("timestamp").asString())).isAfter(before);
		assertThat(health.at("/components/database/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/vector_index/details").has("hotIndexes")).isTrue();
		assertThat(health.at("/components/external_tools/details").has("openBreakers")).isTrue();

		HttpProbe owner = HttpProbe.ownerOfNewTenant(port, "health-" + UUID.randomUUID(),
				"owner-" + UUID.randomUUID() + "@example.org", "sturdy-horse-battery-" + UUID.randomUUID());
		assertThat(owner.get("/actuator/health/readiness").json().get("components").propertyNames())
			.containsExactlyInAnyOrder("database", "readinessState");
	}

	@Test
	void redisLostTurnsTheNodeDegradedNotUnhealthyAndItStaysReady() throws IOException {
		HttpProbe admin = HttpProbe.signedIn(port);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> admin.get("/actuator/health").json().at("/components/redis/status").asString().equals("UP"));

		redis.stop();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/actuator/health").json()
				.at("/components/redis/status").asString().equals("DEGRADED"));

			Reply health = new HttpProbe(port).get("/actuator/health");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.json().get("status").asString()).isEqualTo("DEGRADED");
			assertThat(admin.get("/actuator/health").json().at("/components/redis/details/error").asString()).isNotBlank();
			Reply readiness = new HttpProbe(port).get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(200);
			assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
		}
		finally {
			redis = startRedis();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> admin.get("/actuator/health").json().at("/components/redis/status").asString().equals("UP"));
	}

	@Test
	void aHangingCheckIsReportedAsTimedOutWhileTheOthersAnswer() {
		HttpProbe admin = HttpProbe.signedIn(port);
		hang = new CountDownLatch(1);
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/actuator/health").json()
				.at("/components/external_tools/details/error").asString().startsWith("timeout"));

			Reply health = admin.get("/actuator/health");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.json().at("/components/external_tools/status").asString()).isEqualTo("DEGRADED");
			assertThat(health.json().at("/components/database/status").asString()).isEqualTo("UP");
			assertThat(health.json().at("/components/vector_index/status").asString()).isEqualTo("UP");
			assertThat(new HttpProbe(port).get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
		}
		finally {
			hang.countDown();
		}
		// the released check finishes on its own thread: later tests must not see its timed-out result
		await().atMost(Duration.ofSeconds(30)).until(() -> !admin.get("/actuator/health").json()
			.at("/components/external_tools/details").has("error"));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}


	private static RedisServer startRedis() {
		return EmbeddedRedis.start(REDIS_PORT);
	}
}

package dev.rampart.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.StandalonePostgres;
import dev.rampart.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A node on an "external" PostgreSQL reached through a TCP proxy the test closes: with the database unreachable the
 * node is unhealthy and not ready (503), but alive, so an orchestrator stops sending it traffic without restarting it.
 */
@ServerTest
@DirtiesContext
class HealthDatabaseDownIT {

	private static final StandalonePostgres postgres = StandalonePostgres.start(
			Path.of("target", "test-data", "health-db-" + UUID.randomUUID()), Path.of("target", "pg-runtime"));
	private static final TcpProxy proxy = TcpProxy.to(postgres.port());

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void databaseBehindTheProxy(DynamicPropertyRegistry registry) {
		registry.add("rampart.db.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres");
		registry.add("rampart.db.user", postgres::owner);
		registry.add("rampart.db.app-user", () -> StandalonePostgres.APP_USER);
	}

	@AfterAll
	static void stop() {
		proxy.close();
		postgres.close();
	}

	@Test
	void anUnreachableDatabaseTakesReadinessDownButNotLiveness() {
		HttpProbe http = new HttpProbe(port);
		assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);

		proxy.close();

		await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/readiness").status() == 503);
		Reply readiness = http.get("/actuator/health/readiness");
		assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
		Reply liveness = http.get("/actuator/health/liveness");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
		Reply health = http.get("/actuator/health");
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
	}
}

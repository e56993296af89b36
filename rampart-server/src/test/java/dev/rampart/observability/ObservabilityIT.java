package dev.rampart.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@ServerTest
class ObservabilityIT {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void publicHealthSaysOnlyUpOrDown() {
		Reply health = new HttpProbe(port).get("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		assertThat(health.body()).doesNotContain("components").doesNotContain("details").doesNotContain("database");
	}

	@Test
	void livenessAndReadinessGroupsAreServed() {
		HttpProbe http = new HttpProbe(port);

		assertThat(http.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
		assertThat(http.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusExposesPoolAndRequestMetrics() {
		HttpProbe http = new HttpProbe(port);
		http.get("/actuator/health");

		Reply metrics = http.get("/actuator/prometheus");

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("hikaricp_connections_max{pool=\"rampart\"} 10.0")
			.contains("http_server_requests_seconds_count");
	}

	@Test
	void openApiDocumentIsServed() {
		Reply docs = new HttpProbe(port).get("/v3/api-docs");

		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("openapi").asString()).startsWith("3.");
		assertThat(docs.json().at("/info/title").asString()).isEqualTo("Rampart API");
		assertThat(docs.json().at("/paths").has("/error")).isFalse();
	}

	@Test
	void installationIdentityIsShownInInfo() {
		Reply info = new HttpProbe(port).get("/actuator/info");

		assertThat(info.json().at("/installation/id").asString()).hasSize(36);
		assertThat(info.json().at("/installation/starts").asLong()).isPositive();
	}

	@Test
	void noSpanIsExportedOverOtlpByDefault() {
		assertThat(context.getBeanProvider(SpanExporter.class).stream().map(e -> e.getClass().getSimpleName()))
			.noneMatch(name -> name.startsWith("Otlp"));
	}
}

package dev.rampart.gateway.threats;

import java.time.Duration;
import java.util.UUID;

import dev.rampart.FrozenClock;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.gateway.AnomalyDetected;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threat detection over real HTTP: a member probes random object ids (BOLA probing), the window
 * closes, and the anomaly is listed, audited and announced; the member's limits are tightened so it
 * gets 429 after a few requests, and clearing the anomaly lifts that at once.
 */
@ServerTest
@Import(FrozenClock.class)
@RecordApplicationEvents
@TestPropertySource(properties = { "rampart.gateway.rate-limits.plans.default.principal=600/1h burst 600",
		"rampart.gateway.threats.tightening-factor=100" })
class ThreatDetectionIT {

	private static final String PASSWORD = "amber-lighthouse-rowing-31";

	@LocalServerPort
	int port;

	private final MovableClock clock;
	private final ThreatDetector detector;

	@Autowired
	ThreatDetectionIT(MovableClock clock, ThreatDetector detector) {
		this.clock = clock;
		this.detector = detector;
	}

	@Test
	void probingRandomIdsRaisesAnAnomalyThatThrottlesTheProberUntilAnAdministratorClearsIt(@Autowired ApplicationEvents events) {
		String email = "prober-" + UUID.randomUUID() + "@example.org";
		HttpProbe admin = HttpProbe.signedIn(port);
		assertThat(admin.json("POST", "/api/v1/members",
				"{\"email\":\"" + email + "\",\"role\":\"admin\",\"password\":\"initial-" + PASSWORD + "\"}").status())
			.isEqualTo(201);
		HttpProbe prober = HttpProbe.signedInChangingPassword(port, email, "initial-" + PASSWORD, PASSWORD);
		clock.advance(Duration.ofMinutes(1));
		detector.closeWindows(); // the sign-ins' window

		for (int i = 0; i < 250; i++) {
			assertThat(prober.get("/api/v1/api-keys/" + UUID.randomUUID()).status()).isEqualTo(404);
		}
		clock.advance(Duration.ofMinutes(1));
		detector.closeWindows();

		JsonNode anomaly = openAnomalyOfAUser(admin);
		assertThat(anomaly.get("level").asString()).isEqualTo("principal");
		assertThat(anomaly.get("tenant").asString()).isEqualTo(TenantId.DEFAULT.toString());
		assertThat(anomaly.get("score").asDouble()).isGreaterThanOrEqualTo(1.0);
		assertThat(anomaly.get("features").get("share404").asDouble()).isGreaterThan(0.9);
		assertThat(anomaly.get("reasons").toString()).contains("404");
		assertThat(anomaly.get("throttledUntil").isNull()).isFalse();
		String id = anomaly.get("id").asString();
		assertThat(admin.get("/api/v1/anomalies/" + id).json().get("status").asString()).isEqualTo("OPEN");
		assertThat(events.stream(AnomalyDetected.class).map(e -> e.anomalyId().toString())).contains(id);
		assertThat(admin.get("/api/v1/audit-events?action=anomaly.detected").body()).contains(id);

		int allowed = 0;
		Reply refused = null;
		for (int i = 0; i < 20 && refused == null; i++) {
			Reply reply = prober.get("/api/v1/members");
			if (reply.status() == 429) {
				refused = reply;
			}
			else {
				assertThat(reply.status()).isEqualTo(200);
				allowed++;
			}
		}
		assertThat(refused).as("the throttled prober is refused within 20 requests").isNotNull();
		assertThat(allowed).isLessThanOrEqualTo(6);
		assertThat(refused.json().get("code").asString()).isEqualTo("SUSPICIOUS_ACTIVITY_THROTTLED");

		Reply cleared = admin.json("POST", "/api/v1/anomalies/" + id + "/clear", "{\"reason\":\"our own penetration test\"}");
		assertThat(cleared.status()).isEqualTo(200);
		assertThat(cleared.json().get("status").asString()).isEqualTo("CLEARED");
		assertThat(cleared.json().get("clearReason").asString()).isEqualTo("our own penetration test");
		assertThat(prober.get("/api/v1/members").status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/anomalies?status=open").body()).doesNotContain(id);
		assertThat(admin.get("/api/v1/audit-events?action=anomaly.cleared").body()).contains(id);
	}

	@Test
	void theListRefusesAnUnknownStatusAndABadCursor() {
		Reply reply = HttpProbe.signedIn(port).get("/api/v1/anomalies?status=maybe&before=x&limit=0");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.body()).contains("status", "before", "limit");
	}

	private static JsonNode openAnomalyOfAUser(HttpProbe admin) {
		Reply list = admin.get("/api/v1/anomalies?status=open");
		assertThat(list.status()).isEqualTo(200);
		for (JsonNode item : list.json().get("items")) {
			if (item.get("principalKey").asString().startsWith("user:")) {
				return item;
			}
		}
		throw new AssertionError("no open anomaly of a user in " + list.body());
	}
}

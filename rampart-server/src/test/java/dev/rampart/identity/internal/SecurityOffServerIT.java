package dev.rampart.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.HttpProbe;
import dev.rampart.RampartApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The auth benchmark's baseline still starts and serves without a token, whatever the identity
 * module's wiring becomes: a broken baseline otherwise shows only when someone runs the benchmark.
 */
@SpringBootTest(classes = { RampartApplication.class, SecurityOffServer.SecurityOff.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecurityOffServerIT {

	@LocalServerPort
	int port;

	@Test
	void theBaselineServesTheBenchmarkedEndpointWithoutAToken() {
		HttpProbe.Reply reply = new HttpProbe(port).get("/api/v1/providers");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body()).contains("sim");
	}
}

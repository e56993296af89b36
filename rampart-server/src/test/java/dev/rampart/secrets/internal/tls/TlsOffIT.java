package dev.rampart.secrets.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.rampart.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The default node: TLS off, plain HTTP (shares its context with the other default {@code @ServerTest}s). */
@ServerTest
class TlsOffIT {

	@LocalServerPort
	int port;

	@Test
	void givenTlsIsOffWhenAClientSpeaksPlainHttpThenItIsServedWithoutHsts() throws Exception {
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}
}

package dev.rampart.secrets.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLSession;

import dev.rampart.ServerTest;
import dev.rampart.secrets.internal.tls.TestCertificates.Pair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A node with the operator's own PEM certificate ({@code RAMPART_TLS=files}) that still accepts TLS 1.2. */
@ServerTest
class TlsFilesIT {

	static Pair pem;

	@LocalServerPort
	int port;

	TlsProbe client;

	@DynamicPropertySource
	static void ownCertificate(DynamicPropertyRegistry registry) throws Exception {
		Path folder = Files.createDirectories(Path.of("target", "test-data"));
		pem = TestCertificates.create(Files.createTempDirectory(folder, "tls-files-"), "server", "RSA");
		registry.add("rampart.tls.mode", () -> "files");
		registry.add("rampart.tls.certificate", () -> pem.certificateFile().toString());
		registry.add("rampart.tls.private-key", () -> pem.keyFile().toString());
		registry.add("rampart.tls.min-version", () -> "1.2");
	}

	@BeforeEach
	void trustTheGivenCertificate() throws Exception {
		client = new TlsProbe(pem.certificate(), port);
	}

	@Test
	void givenMinimumVersion12WhenATls12OnlyClientConnectsThenItIsServed() throws Exception {
		HttpResponse<String> health = client.get("/actuator/health", "TLSv1.2");

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.sslSession()).map(SSLSession::getProtocol).hasValue("TLSv1.2");
		assertThat(health.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
	}

	@Test
	void givenMinimumVersion12WhenATls13ClientConnectsThenTls13IsUsed() throws Exception {
		assertThat(client.handshake("TLSv1.3").getProtocol()).isEqualTo("TLSv1.3");
	}

	@Test
	void givenFilesModeThenTheServerPresentsTheGivenCertificate() throws Exception {
		SSLSession session = client.handshake("TLSv1.3", "TLSv1.2");

		assertThat(session.getPeerCertificates()[0]).isEqualTo(pem.certificate());
	}
}

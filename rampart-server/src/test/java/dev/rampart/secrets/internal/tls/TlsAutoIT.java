package dev.rampart.secrets.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.shared.RampartProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A node with {@code RAMPART_TLS=auto} and the production default: TLS 1.3 only. */
@ServerTest
@TestPropertySource(properties = { "rampart.tls.mode=auto", "rampart.tls.hsts.include-sub-domains=true" })
class TlsAutoIT {

	@LocalServerPort
	int port;

	final Path tls;
	X509Certificate generated;
	TlsProbe client;

	TlsAutoIT(@Autowired RampartProperties rampart) {
		this.tls = rampart.dataDir().resolve("tls");
	}

	@BeforeEach
	void trustTheGeneratedCertificate() throws Exception {
		generated = TlsProbe.readPem(tls.resolve("rampart.crt"));
		client = new TlsProbe(generated, port);
	}

	@Test
	void givenTls13IsRequiredWhenATls12OnlyClientConnectsThenTheHandshakeIsRefused() {
		assertThatThrownBy(() -> client.handshake("TLSv1.2")).isInstanceOf(SSLHandshakeException.class)
			.hasMessageContaining("protocol_version");
	}

	@Test
	void givenTls13IsRequiredWhenATls13ClientAsksForHealthThenItGetsAnAnswerWithHsts() throws Exception {
		HttpResponse<String> health = client.get("/actuator/health", "TLSv1.3");

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
		assertThat(health.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
		assertThat(health.sslSession()).map(SSLSession::getProtocol).hasValue("TLSv1.3");
	}

	@Test
	void givenAutoModeThenTheServerPresentsTheCertificateWrittenToTheDataFolder() throws Exception {
		SSLSession session = client.handshake("TLSv1.3", "TLSv1.2");

		assertThat(session.getPeerCertificates()[0]).isEqualTo(generated);
		assertThat(permissions(tls.resolve("rampart.p12"))).isEqualTo("rw-------");
		assertThat(permissions(tls.resolve("rampart.p12.password"))).isEqualTo("rw-------");
	}

	@Test
	void givenTlsIsOnWhenAClientSpeaksPlainHttpToThePortThenItIsNotServed() {
		HttpProbe.Reply reply = new HttpProbe(port).get("/actuator/health");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.body()).doesNotContain("UP");
	}

	private static String permissions(Path path) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}
}

package dev.rampart.secrets.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import dev.rampart.LaunchedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the packaged jar with {@code RAMPART_TLS*} set, as an operator would, and checks what they see. */
class TlsLaunchIT {

	static final Duration START = Duration.ofSeconds(90);

	@TempDir
	Path temp;

	@Test
	void givenRampartTlsAutoThenTheNodeServesHttpsAndKeepsItsCertificateAcrossRestarts() throws Exception {
		Path data = temp.resolve("data");
		Map<String, String> env = Map.of("RAMPART_DATA_DIR", data.toString(), "RAMPART_TLS", "auto");
		int port = LaunchedServer.freePort();

		String first;
		try (LaunchedServer server = LaunchedServer.start(port, env).awaitReady(START)) {
			assertThat(server.stdout()).contains("Rampart is ready on https://localhost:" + port + " ")
				.contains("health:      https://localhost:" + port + "/actuator/health");
			first = servedFingerprint(data, port);
			assertThat(server.stdout()).as("the fingerprint is printed so users can check what they trust")
				.contains(first)
				.contains(data.resolve("tls").resolve("rampart.crt").toString());
		}

		try (LaunchedServer restarted = LaunchedServer.start(port, env).awaitReady(START)) {
			assertThat(servedFingerprint(data, port)).isEqualTo(first);
			assertThat(restarted.stdout()).doesNotContain("Generated a self-signed TLS certificate");
		}
	}

	@Test
	void givenAnUnknownTlsModeThenStartUpFailsNamingTheModesThereAre() throws Exception {
		LaunchedServer server = LaunchedServer.start(LaunchedServer.freePort(),
				Map.of("RAMPART_DATA_DIR", temp.resolve("data").toString(), "RAMPART_TLS", "yes"));

		assertThat(server.awaitExit(START)).isNotZero();
		assertThat(server.stderr())
			.contains("Rampart could not start: The TLS mode 'yes' (RAMPART_TLS) is not one of off, auto or files.")
			.contains("What to do: Set RAMPART_TLS to off, auto");
	}

	@Test
	void givenFilesModeWithAnUnparsableCertificateThenStartUpFailsNamingTheFile() throws Exception {
		Path certificate = Files.writeString(temp.resolve("server.crt"), "not a certificate");
		Path key = Files.writeString(temp.resolve("server.key"), "not a key");

		LaunchedServer server = LaunchedServer.start(LaunchedServer.freePort(),
				Map.of("RAMPART_DATA_DIR", temp.resolve("data").toString(), "RAMPART_TLS", "files",
						"RAMPART_TLS_CERTIFICATE", certificate.toString(), "RAMPART_TLS_PRIVATE_KEY", key.toString()));

		assertThat(server.awaitExit(START)).isNotZero();
		assertThat(server.stderr()).contains("Rampart could not start: The TLS certificate file " + certificate
				+ " (RAMPART_TLS_CERTIFICATE) holds no PEM certificate that can be read.");
	}

	@Test
	void givenFilesModeWithoutAPrivateKeyThenStartUpFailsNamingTheVariable() throws Exception {
		TestCertificates.Pair pem = TestCertificates.create(temp.resolve("pem"), "server", "EC");

		LaunchedServer server = LaunchedServer.start(LaunchedServer.freePort(),
				Map.of("RAMPART_DATA_DIR", temp.resolve("data").toString(), "RAMPART_TLS", "files",
						"RAMPART_TLS_CERTIFICATE", pem.certificateFile().toString()));

		assertThat(server.awaitExit(START)).isNotZero();
		assertThat(server.stderr()).contains(
				"Rampart could not start: TLS mode files needs a private key file, but RAMPART_TLS_PRIVATE_KEY is not set.");
	}

	@Test
	void givenFilesModeWithBothFilesSetByEnvironmentThenTheGivenCertificateIsServed() throws Exception {
		TestCertificates.Pair pem = TestCertificates.create(temp.resolve("pem"), "server", "EC");
		int port = LaunchedServer.freePort();

		try (LaunchedServer server = LaunchedServer.start(port,
				Map.of("RAMPART_DATA_DIR", temp.resolve("data").toString(), "RAMPART_TLS", "files",
						"RAMPART_TLS_CERTIFICATE", pem.certificateFile().toString(), "RAMPART_TLS_PRIVATE_KEY",
						pem.keyFile().toString()))
			.awaitReady(START)) {
			HttpResponse<String> health = new TlsProbe(pem.certificate(), port).get("/actuator/health", "TLSv1.3");

			assertThat(health.statusCode()).isEqualTo(200);
		}
	}

	private static String servedFingerprint(Path data, int port) throws Exception {
		TlsProbe client = new TlsProbe(TlsProbe.readPem(data.resolve("tls").resolve("rampart.crt")), port);
		HttpResponse<String> health = client.get("/actuator/health", "TLSv1.3");
		assertThat(health.statusCode()).isEqualTo(200);
		return ServerCertificate.fingerprint((X509Certificate) health.sslSession()
			.orElseThrow()
			.getPeerCertificates()[0]);
	}
}

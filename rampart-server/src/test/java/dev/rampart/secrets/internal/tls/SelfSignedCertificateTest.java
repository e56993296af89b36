package dev.rampart.secrets.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import dev.rampart.shared.startup.StartupProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

	@TempDir
	Path temp;

	private final Clock now = Clock.systemUTC();

	@Test
	void givenAFirstStartWhenTheCertificateIsObtainedThenItIsAnEcCertificateForLocalhostValidForAYear() throws Exception {
		ServerCertificate certificate = auto(now).obtain();

		X509Certificate x509 = certificate.certificate();
		assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
		assertThat(x509.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
			.containsExactlyInAnyOrder((Object) "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(x509.getPublicKey()).isInstanceOfSatisfying(ECPublicKey.class,
				key -> assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256));
		assertThat(Duration.between(x509.getNotBefore().toInstant(), x509.getNotAfter().toInstant()))
			.isEqualTo(Duration.ofDays(365));
		assertThat(TlsProbe.readPem(temp.resolve("tls/rampart.crt"))).isEqualTo(x509);
	}

	@Test
	void givenACertificateFromAnEarlierStartWhenTheNodeStartsAgainThenTheSameCertificateIsReused() {
		String first = auto(now).obtain().fingerprint();

		String second = auto(now).obtain().fingerprint();

		assertThat(second).isEqualTo(first);
	}

	@Test
	void givenTheCertificateExpiresWithinSevenDaysWhenTheNodeStartsThenANewOneReplacesIt() {
		String first = auto(now).obtain().fingerprint();
		Clock in359Days = Clock.offset(now, Duration.ofDays(359));

		String second = auto(in359Days).obtain().fingerprint();

		assertThat(second).isNotEqualTo(first);
	}

	@Test
	void givenAKeyStoreThatCannotBeReadWhenTheNodeStartsThenANewOneReplacesIt() throws Exception {
		SelfSignedCertificate auto = auto(now);
		String first = auto.obtain().fingerprint();
		Files.writeString(auto.keyStoreFile(), "garbage");

		assertThat(auto.obtain().fingerprint()).isNotEqualTo(first);
	}

	@Test
	void filesHoldingThePrivateKeyOrItsPasswordAreReadableByTheOwnerOnly() throws Exception {
		SelfSignedCertificate auto = auto(now);
		auto.obtain();

		assertThat(permissions(auto.keyStoreFile())).isEqualTo("rw-------");
		assertThat(permissions(auto.passwordFile())).isEqualTo("rw-------");
		assertThat(permissions(temp.resolve("tls"))).isEqualTo("rwx------");
		try (var files = Files.list(temp.resolve("tls"))) {
			assertThat(files.map(file -> file.getFileName().toString()))
				.containsExactlyInAnyOrder("rampart.p12", "rampart.p12.password", "rampart.crt");
		}
	}

	@Test
	void aTlsFolderThatCannotBeCreatedStopsStartUp() throws Exception {
		Path file = Files.writeString(temp.resolve("not-a-folder"), "x");

		assertThatThrownBy(() -> new SelfSignedCertificate(file.resolve("tls"), now, Keytool.ofRunningJdk()).obtain())
			.isInstanceOf(StartupProblem.class)
			.hasMessage("Rampart could not create its self-signed TLS certificate in " + file.resolve("tls") + ".");
	}

	private SelfSignedCertificate auto(Clock clock) {
		return new SelfSignedCertificate(temp.resolve("tls"), clock.withZone(ZoneOffset.UTC), Keytool.ofRunningJdk());
	}

	private static String permissions(Path path) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}
}

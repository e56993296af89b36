package dev.rampart.secrets.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.rampart.secrets.internal.tls.TestCertificates.Pair;
import dev.rampart.shared.startup.StartupProblem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemCertificateFilesTest {

	@TempDir
	static Path temp;

	static Pair rsa;
	static Pair ec;

	@BeforeAll
	static void createCertificates() throws Exception {
		rsa = TestCertificates.create(temp, "rsa", "RSA");
		ec = TestCertificates.create(temp, "ec", "EC");
	}

	@Test
	void givenAMatchingPemPairWhenLoadedThenTheCertificateIsServedFromAKeyStore() throws Exception {
		for (Pair pair : new Pair[] { rsa, ec }) {
			ServerCertificate loaded = PemCertificateFiles.load(pair.certificateFile(), pair.keyFile());

			assertThat(loaded.certificate()).isEqualTo(pair.certificate());
			assertThat(loaded.keyStore().getCertificate(loaded.alias())).isEqualTo(pair.certificate());
			assertThat(loaded.keyStore().isKeyEntry(loaded.alias())).isTrue();
		}
	}

	@Test
	void givenNoCertificateIsConfiguredThenStartUpStopsNamingTheVariable() {
		assertThatThrownBy(() -> PemCertificateFiles.load(null, rsa.keyFile())).isInstanceOf(StartupProblem.class)
			.hasMessage("TLS mode files needs a certificate file, but RAMPART_TLS_CERTIFICATE is not set.");
	}

	@Test
	void givenNoPrivateKeyIsConfiguredThenStartUpStopsNamingTheVariable() {
		assertThatThrownBy(() -> PemCertificateFiles.load(rsa.certificateFile(), null)).isInstanceOf(StartupProblem.class)
			.hasMessage("TLS mode files needs a private key file, but RAMPART_TLS_PRIVATE_KEY is not set.");
	}

	@Test
	void givenACertificateFileThatDoesNotExistThenStartUpStopsNamingIt() {
		Path missing = temp.resolve("missing.crt");

		assertThatThrownBy(() -> PemCertificateFiles.load(missing, rsa.keyFile())).isInstanceOf(StartupProblem.class)
			.hasMessage("The TLS certificate file " + missing + " (RAMPART_TLS_CERTIFICATE) does not exist or cannot be read.");
	}

	@Test
	void givenACertificateFileThatIsNotPemThenStartUpStops() throws Exception {
		Path garbage = Files.writeString(temp.resolve("garbage.crt"),
				"-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");

		assertThatThrownBy(() -> PemCertificateFiles.load(garbage, rsa.keyFile())).isInstanceOf(StartupProblem.class)
			.hasMessage("The TLS certificate file " + garbage + " (RAMPART_TLS_CERTIFICATE) holds no PEM certificate that can be read.");
	}

	@Test
	void givenAKeyFileWithoutAPemKeyThenStartUpStops() {
		assertThatThrownBy(() -> PemCertificateFiles.load(rsa.certificateFile(), rsa.certificateFile()))
			.isInstanceOf(StartupProblem.class)
			.hasMessage("The TLS private key file " + rsa.certificateFile()
					+ " (RAMPART_TLS_PRIVATE_KEY) holds no unencrypted PEM private key that can be read.");
	}

	@Test
	void givenTheKeyOfAnotherCertificateThenStartUpStops() throws Exception {
		Pair other = TestCertificates.create(temp, "other", "RSA");

		assertThatThrownBy(() -> PemCertificateFiles.load(rsa.certificateFile(), other.keyFile()))
			.isInstanceOf(StartupProblem.class)
			.hasMessage("The TLS private key " + other.keyFile() + " does not belong to the certificate "
					+ rsa.certificateFile() + ".");
	}
}

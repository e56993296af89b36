package dev.rampart.secrets.internal.tls;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** PEM certificate and key pairs for tests, made by the JDK's keytool like an operator would. */
final class TestCertificates {

	private TestCertificates() {
	}

	/** A PEM pair for localhost in {@code folder}: {@code <name>.crt} and {@code <name>.key} (unencrypted PKCS#8). */
	static Pair create(Path folder, String name, String keyAlgorithm) throws Exception {
		Files.createDirectories(folder);
		Path store = folder.resolve(name + ".p12");
		Files.deleteIfExists(store);
		Keytool.ofRunningJdk().run(List.of("-genkeypair", "-alias", "test", "-keyalg", keyAlgorithm, "-validity", "30",
				"-dname", "CN=localhost, O=Rampart tests", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore",
				store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-noprompt"));
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keyStore.load(in, "changeit".toCharArray());
		}
		X509Certificate certificate = (X509Certificate) keyStore.getCertificate("test");
		PrivateKey key = (PrivateKey) keyStore.getKey("test", "changeit".toCharArray());
		Path certificateFile = Files.writeString(folder.resolve(name + ".crt"), SelfSignedCertificate.pem(certificate));
		Path keyFile = Files.writeString(folder.resolve(name + ".key"), "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(key.getEncoded())
				+ "\n-----END PRIVATE KEY-----\n");
		return new Pair(certificateFile, keyFile, certificate);
	}

	record Pair(Path certificateFile, Path keyFile, X509Certificate certificate) {
	}
}

package dev.rampart.secrets.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import dev.rampart.shared.startup.StartupProblem;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-signed certificate of {@code RAMPART_TLS=auto}, for local use only: an EC P-256 key and a
 * one-year certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1} in {@code <data-dir>/tls},
 * made on first start by the JDK's keytool, reused after, and replaced when it expires within 7 days.
 * The key store and its random password are readable by their owner only.
 */
final class SelfSignedCertificate {

	static final String ALIAS = "rampart";
	static final Duration RENEW_BEFORE = Duration.ofDays(7);

	private static final Logger log = LoggerFactory.getLogger(SelfSignedCertificate.class);
	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path folder;
	private final Clock clock;
	private final Keytool keytool;

	SelfSignedCertificate(Path folder, Clock clock, Keytool keytool) {
		this.folder = folder;
		this.clock = clock;
		this.keytool = keytool;
	}

	Path keyStoreFile() {
		return folder.resolve("rampart.p12");
	}

	Path passwordFile() {
		return folder.resolve("rampart.p12.password");
	}

	/** The certificate alone, in PEM, for clients to trust ({@code curl --cacert}). */
	Path certificateFile() {
		return folder.resolve("rampart.crt");
	}

	/** The certificate from an earlier start if it is still good for a week, otherwise a new one. */
	ServerCertificate obtain() {
		try {
			OwnerOnlyFiles.folder(folder);
			ServerCertificate certificate = reusable();
			if (certificate == null) {
				generate();
				certificate = load();
			}
			OwnerOnlyFiles.writePublic(certificateFile(), pem(certificate.certificate()));
			return certificate;
		}
		catch (IOException | GeneralSecurityException ex) {
			log.error("Could not create the self-signed TLS certificate in {}: {}", folder, ex.getMessage());
			throw new StartupProblem("Rampart could not create its self-signed TLS certificate in " + folder + ".",
					"Make the data folder writable for the user running Rampart, or set RAMPART_TLS=files with your own certificate.",
					ex);
		}
	}

	private @Nullable ServerCertificate reusable() {
		if (!Files.exists(keyStoreFile()) || !Files.exists(passwordFile())) {
			return null;
		}
		try {
			ServerCertificate existing = load();
			Instant expiry = existing.certificate().getNotAfter().toInstant();
			if (expiry.isBefore(clock.instant().plus(RENEW_BEFORE))) {
				log.warn("The self-signed TLS certificate in {} expires at {}; replacing it with a new one, "
						+ "which clients must trust again.", folder, expiry);
				return null;
			}
			return existing;
		}
		catch (IOException | GeneralSecurityException ex) {
			log.warn("The self-signed TLS certificate in {} cannot be read ({}); replacing it with a new one, "
					+ "which clients must trust again.", folder, ex.getClass().getSimpleName());
			return null;
		}
	}

	private void generate() throws IOException {
		Path newStore = folder.resolve("rampart.p12.new");
		Path newPassword = folder.resolve("rampart.p12.password.new");
		Files.deleteIfExists(newStore);
		OwnerOnlyFiles.write(newPassword, randomPassword());
		keytool.run(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
				"SHA256withECDSA", "-validity", "365", "-dname", "CN=localhost", "-ext",
				"SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-keystore", newStore.toString(), "-storetype", "PKCS12",
				"-storepass:file", newPassword.toString(), "-noprompt"));
		OwnerOnlyFiles.restrict(newStore);
		OwnerOnlyFiles.replace(newPassword, passwordFile());
		OwnerOnlyFiles.replace(newStore, keyStoreFile());
		log.info("Generated a self-signed TLS certificate for localhost in {}, valid for 365 days.", folder);
	}

	private ServerCertificate load() throws IOException, GeneralSecurityException {
		String password = Files.readString(passwordFile(), StandardCharsets.UTF_8).strip();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStoreFile())) {
			store.load(in, password.toCharArray());
		}
		if (!store.isKeyEntry(ALIAS) || !(store.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
			throw new KeyStoreException("no key entry '" + ALIAS + "'");
		}
		return new ServerCertificate(store, password, ALIAS, certificate, certificateFile());
	}

	private static String randomPassword() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String pem(X509Certificate certificate) throws GeneralSecurityException {
		String body = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(certificate.getEncoded());
		return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
	}
}

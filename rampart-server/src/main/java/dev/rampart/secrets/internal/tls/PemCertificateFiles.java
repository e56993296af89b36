package dev.rampart.secrets.internal.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import dev.rampart.shared.startup.StartupProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * The operator's own certificate ({@code RAMPART_TLS=files}): a PEM certificate chain, server
 * certificate first, and its unencrypted PEM private key. Anything missing, unreadable or not
 * belonging together stops start-up with a {@link StartupProblem} that names the file.
 */
final class PemCertificateFiles {

	private static final String ALIAS = "rampart";
	private static final SecureRandom RANDOM = new SecureRandom();

	private PemCertificateFiles() {
	}

	static ServerCertificate load(@Nullable Path certificate, @Nullable Path privateKey) {
		Path certificateFile = required(certificate, "certificate", "RAMPART_TLS_CERTIFICATE");
		Path keyFile = required(privateKey, "private key", "RAMPART_TLS_PRIVATE_KEY");
		List<X509Certificate> chain = certificates(certificateFile);
		PrivateKey key = privateKey(keyFile);
		if (!belongTogether(key, chain.getFirst())) {
			throw new StartupProblem("The TLS private key " + keyFile + " does not belong to the certificate "
					+ certificateFile + ".", "Give the private key that was issued together with that certificate.");
		}
		try {
			String password = HexFormat.of().formatHex(randomBytes());
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(X509Certificate[]::new));
			return new ServerCertificate(store, password, ALIAS, chain.getFirst(),
					certificateFile.toAbsolutePath().normalize());
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new StartupProblem("The TLS certificate " + certificateFile + " and key " + keyFile
					+ " cannot be used together (" + ex.getClass().getSimpleName() + ").",
					"Give a certificate and private key that a TLS server can use, e.g. RSA 2048+ or EC P-256.", ex);
		}
	}

	private static Path required(@Nullable Path file, String what, String variable) {
		if (file == null || file.toString().isBlank()) {
			throw new StartupProblem("TLS mode files needs a " + what + " file, but " + variable + " is not set.",
					"Set RAMPART_TLS_CERTIFICATE and RAMPART_TLS_PRIVATE_KEY to your PEM files, "
							+ "or use RAMPART_TLS=auto for local use.");
		}
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			throw new StartupProblem("The TLS " + what + " file " + file + " (" + variable + ") does not exist or cannot be read.",
					"Check the path and that the user running Rampart may read the file.");
		}
		return file;
	}

	private static List<X509Certificate> certificates(Path file) {
		List<X509Certificate> chain;
		try {
			chain = PemContent.of(Files.readString(file, StandardCharsets.UTF_8)).getCertificates();
		}
		catch (IOException | RuntimeException ex) {
			chain = List.of();
		}
		if (chain.isEmpty()) {
			throw new StartupProblem("The TLS certificate file " + file
					+ " (RAMPART_TLS_CERTIFICATE) holds no PEM certificate that can be read.",
					"Give a PEM file that starts with -----BEGIN CERTIFICATE-----, the server certificate first "
							+ "and its chain after it.");
		}
		return chain;
	}

	private static PrivateKey privateKey(Path file) {
		PrivateKey key;
		try {
			key = PemContent.of(Files.readString(file, StandardCharsets.UTF_8)).getPrivateKey();
		}
		catch (IOException | RuntimeException ex) {
			key = null;
		}
		if (key == null) {
			throw new StartupProblem("The TLS private key file " + file
					+ " (RAMPART_TLS_PRIVATE_KEY) holds no unencrypted PEM private key that can be read.",
					"Give an unencrypted PEM key: -----BEGIN PRIVATE KEY-----, -----BEGIN RSA PRIVATE KEY----- "
							+ "or -----BEGIN EC PRIVATE KEY-----.");
		}
		return key;
	}

	/** Signs a probe with the key and verifies it with the certificate, the only sure test that they match. */
	private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
		@Nullable String algorithm = switch (key.getAlgorithm()) {
			case "RSA" -> "SHA256withRSA";
			case "EC" -> "SHA256withECDSA";
			case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
			default -> null;
		};
		if (algorithm == null) {
			return key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm());
		}
		try {
			byte[] probe = randomBytes();
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(key);
			signer.update(probe);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(certificate.getPublicKey());
			verifier.update(probe);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return bytes;
	}
}

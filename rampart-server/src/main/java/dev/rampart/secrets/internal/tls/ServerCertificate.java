package dev.rampart.secrets.internal.tls;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * The key and certificate chain the HTTPS connector presents, held in an in-memory key store.
 * {@code password} protects only that in-memory store and is never logged.
 *
 * @param file where the certificate can be found, to tell the operator
 */
record ServerCertificate(KeyStore keyStore, String password, String alias, X509Certificate certificate, Path file) {

	/** The certificate's SHA-256 fingerprint as colon-separated upper-case hex, as browsers and openssl print it. */
	String fingerprint() {
		return fingerprint(certificate);
	}

	static String fingerprint(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
		}
		catch (NoSuchAlgorithmException | CertificateEncodingException ex) {
			throw new IllegalStateException("cannot fingerprint the certificate", ex);
		}
	}

	/** A Spring Boot SSL bundle that serves this certificate with exactly the given TLS protocol versions. */
	SslBundle toBundle(String[] protocols) {
		return SslBundle.of(SslStoreBundle.of(keyStore, password, null), SslBundleKey.of(password, alias),
				SslOptions.of(null, protocols));
	}

	@Override
	public String toString() {
		return "ServerCertificate[" + certificate.getSubjectX500Principal() + ", SHA-256 " + fingerprint() + ", " + file + "]";
	}
}

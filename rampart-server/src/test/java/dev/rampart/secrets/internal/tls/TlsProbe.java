package dev.rampart.secrets.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client of the HTTPS connector that trusts exactly one certificate and speaks exactly the TLS
 * versions a test gives it, with host name verification on, as a careful real client would.
 */
final class TlsProbe {

	private final SSLContext context;
	private final int port;

	TlsProbe(X509Certificate trusted, int port) throws GeneralSecurityException, IOException {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("server", trusted);
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		this.context = SSLContext.getInstance("TLS");
		this.context.init(null, factory.getTrustManagers(), null);
		this.port = port;
	}

	static X509Certificate readPem(Path file) throws IOException, GeneralSecurityException {
		try (InputStream in = Files.newInputStream(file)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

	/** Completes a TLS handshake offering only these versions, or throws the client's SSLException. */
	SSLSession handshake(String... protocols) throws IOException {
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
			socket.setSoTimeout(10_000);
			socket.setSSLParameters(parameters(protocols));
			socket.startHandshake();
			return socket.getSession();
		}
	}

	HttpResponse<String> get(String path, String... protocols) throws IOException, InterruptedException {
		try (HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.sslContext(context)
			.sslParameters(parameters(protocols))
			.connectTimeout(Duration.ofSeconds(5))
			.build()) {
			return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
				.timeout(Duration.ofSeconds(30))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private static SSLParameters parameters(String... protocols) {
		SSLParameters parameters = new SSLParameters();
		parameters.setProtocols(protocols);
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		return parameters;
	}
}

package dev.rampart.secrets.internal.tls;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.rampart.shared.RampartProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Makes the embedded web server's only connector, on {@code rampart.port}, serve HTTPS when
 * {@code rampart.tls.mode} is not {@code off}, before the server starts.
 * <p>
 * A customizer rather than an EnvironmentPostProcessor that sets {@code server.ssl.*}: as a bean it
 * gets the validated {@link TlsProperties}, the data folder and the clock injected and logs like any
 * other bean, and it hands the server an in-memory key store, so no key or password passes through
 * properties. It runs last, after Spring Boot's own customizer has applied {@code server.ssl.*}.
 */
@Component
class TlsServerCustomizer implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

	static final String BUNDLE = "rampart-server";

	private static final Logger log = LoggerFactory.getLogger(TlsServerCustomizer.class);
	private static final Duration EXPIRY_WARNING = Duration.ofDays(30);

	private final TlsProperties tls;
	private final Path dataDir;
	private final Clock clock;

	TlsServerCustomizer(TlsProperties tls, RampartProperties rampart, Clock clock) {
		this.tls = tls;
		this.dataDir = rampart.dataDir().toAbsolutePath().normalize();
		this.clock = clock;
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		if (!tls.enabled()) {
			return;
		}
		ServerCertificate certificate = tls.auto()
				? new SelfSignedCertificate(dataDir.resolve("tls"), clock, Keytool.ofRunningJdk()).obtain()
				: PemCertificateFiles.load(tls.certificate(), tls.privateKey());
		factory.setSsl(Ssl.forBundle(BUNDLE));
		factory.setSslBundles(new DefaultSslBundleRegistry(BUNDLE, certificate.toBundle(tls.protocols())));
		describe(certificate);
	}

	private void describe(ServerCertificate certificate) {
		String versions = tls.protocols().length == 1 ? "TLS 1.3 only" : "TLS 1.2 and 1.3";
		if (tls.auto()) {
			log.info("HTTPS is on ({}) with a self-signed certificate for local use: {} (SHA-256 {}). "
					+ "Clients must trust it, e.g. curl --cacert {}", versions, certificate.file(),
					certificate.fingerprint(), certificate.file());
			return;
		}
		Instant expiry = certificate.certificate().getNotAfter().toInstant();
		log.info("HTTPS is on ({}) with the certificate {} for {} (SHA-256 {}), valid until {}.", versions,
				certificate.file(), certificate.certificate().getSubjectX500Principal().getName(),
				certificate.fingerprint(), expiry);
		if (expiry.isBefore(clock.instant().plus(EXPIRY_WARNING))) {
			log.warn("The TLS certificate {} expires at {}: clients will refuse it after that; replace it soon.",
					certificate.file(), expiry);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}
}
